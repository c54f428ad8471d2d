import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { Account, CategoryTree, RuleListed } from '../api/types';
import { useEveryAccount } from '../accounts/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useApplyRules, useCreateRule, useDeleteRule, useReorderRules, useUpdateRule } from './mutations';
import { useCategories } from '../transactions/queries';
import { useRules } from './queries';
import { RuleForm } from './RuleForm';
import { describeMatch, describeSet, matchCountText } from './ruleText';

/** What a screen reader hears while a rule is dragged with the keyboard or a pointer. */
function announcements(rules: RuleListed[]): Announcements {
  const place = (id: string | number | undefined) => rules.findIndex((r) => r.id === id) + 1;
  return {
    onDragStart: ({ active }) => `Picked up rule ${place(active.id)}. Arrow keys move it, Space drops it.`,
    onDragOver: ({ active, over }) =>
      over ? `Rule ${place(active.id)} is over place ${place(over.id)}.` : `Rule ${place(active.id)} is outside.`,
    onDragEnd: ({ active, over }) =>
      over ? `Rule ${place(active.id)} dropped at place ${place(over.id)}.` : 'Rule dropped where it was.',
    onDragCancel: ({ active }) => `Moving rule ${place(active.id)} cancelled.`,
  };
}

interface RowProps {
  rule: RuleListed;
  index: number;
  accounts?: Account[];
  categories?: CategoryTree[];
  editing: boolean;
  onEdit: (id: number | null) => void;
}

function RuleRow({ rule, index, accounts, categories, editing, onEdit }: RowProps) {
  const updateRule = useUpdateRule();
  const remove = useDeleteRule();
  const toast = useToast();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: rule.id,
    disabled: editing,
  });
  const style = { transform: CSS.Transform.toString(transform), transition };

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`rule-row${isDragging ? ' dragging' : ''}`}
      data-testid="rule-row"
      data-rule-id={rule.id}
    >
      {editing ? (
        <RuleForm
          rule={rule}
          categories={categories}
          accounts={accounts}
          busy={updateRule.isPending}
          error={updateRule.error}
          onCancel={() => onEdit(null)}
          onSave={(body) => updateRule.mutate({ id: rule.id, body }, { onSuccess: () => onEdit(null) })}
        />
      ) : (
        <div className="rule-summary">
          <button
            type="button"
            className="icon-button drag-handle"
            aria-label={`Move rule ${index + 1}: drag, or press Space then the arrow keys`}
            {...attributes}
            {...listeners}
            data-testid="rule-drag"
          >
            ⠿
          </button>
          <span className="rule-text">
            <span className="muted">If</span> {describeMatch(rule, accounts)} <span className="muted">→</span>{' '}
            {describeSet(rule)}
            <span className="muted small" data-testid="rule-match-count">
              {' '}
              · {matchCountText(rule.match_count)}
            </span>
          </span>
          <span className="row">
            <button
              type="button"
              className="link-button"
              onClick={() => {
                updateRule.reset();
                onEdit(rule.id);
              }}
              data-testid="rule-edit"
            >
              Edit
            </button>
            <button
              type="button"
              className="link-button danger"
              onClick={() =>
                window.confirm('Delete this rule?') &&
                remove.mutate(rule.id, { onError: (e) => toast(errorMessage(e), 'error') })
              }
              data-testid="rule-delete"
            >
              Delete
            </button>
          </span>
        </div>
      )}
    </li>
  );
}

export function RulesCard({ userId }: { userId: number }) {
  const rules = useRules(userId);
  const categories = useCategories(userId);
  const accounts = useEveryAccount(userId);
  const create = useCreateRule(userId);
  const reorder = useReorderRules(userId);
  const apply = useApplyRules(userId);
  const toast = useToast();
  const [editing, setEditing] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  // Drags with a pointer start after a few pixels, so a click on the handle stays a click.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const list = rules.data ?? [];

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = list.map((r) => r.id);
    const next = arrayMove(ids, ids.indexOf(Number(active.id)), ids.indexOf(Number(over.id)));
    reorder.mutate(next, { onError: (e) => toast(errorMessage(e), 'error') });
  };

  return (
    <Card
      title="Rules"
      actions={
        <button
          type="button"
          className="button-secondary"
          disabled={apply.isPending}
          onClick={() => apply.mutate()}
          data-testid="rules-apply"
        >
          {apply.isPending ? 'Applying…' : 'Apply to existing transactions'}
        </button>
      }
    >
      <p className="muted small">
        Rules rename and recategorize transactions as they arrive. They are tried in order; the first match wins. Drag a
        rule by its handle (or focus it, press Space and use the arrow keys) to change the order. Your manual edits
        always win.
      </p>
      {apply.data && (
        <p className="notice" data-testid="rules-applied-count">
          Changed {apply.data.changed} transaction{apply.data.changed === 1 ? '' : 's'}.
        </p>
      )}
      <ErrorText error={apply.error} />
      {rules.isPending && <Loading />}
      <ErrorText error={rules.error} />
      {rules.data?.length === 0 && <p className="muted">No rules yet.</p>}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements: announcements(list) }}
      >
        <SortableContext items={list.map((r) => r.id)} strategy={verticalListSortingStrategy}>
          <ol className="rules">
            {list.map((rule, index) => (
              <RuleRow
                key={rule.id}
                rule={rule}
                index={index}
                accounts={accounts.data}
                categories={categories.data}
                editing={editing === rule.id}
                onEdit={setEditing}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {editing === null && (
        <>
          <h3>Add a rule</h3>
          <RuleForm
            key={formKey}
            categories={categories.data}
            accounts={accounts.data}
            busy={create.isPending}
            error={create.error}
            onSave={(body) => create.mutate(body, { onSuccess: () => setFormKey((k) => k + 1) })}
          />
        </>
      )}
    </Card>
  );
}
