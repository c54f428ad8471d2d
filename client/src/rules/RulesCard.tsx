import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { Rule } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { categoryLabel } from '../lib/categories';
import { useToast } from '../components/toasts';
import { useApplyRules, useCreateRule, useDeleteRule, useReorderRules, useUpdateRule } from './mutations';
import { useCategories } from '../transactions/queries';
import { useRules } from './queries';
import { RuleForm } from './RuleForm';

function describeMatch(r: Rule): string {
  const parts = [
    r.match_name && `name contains “${r.match_name}”`,
    r.match_category && `category is “${categoryLabel(r.match_category)}”`,
    r.match_subcategory && `subcategory is “${categoryLabel(r.match_subcategory, r.match_category)}”`,
  ].filter(Boolean);
  return parts.join(' and ');
}

function describeSet(r: Rule): string {
  const parts = [
    r.set_name && `rename to “${r.set_name}”`,
    r.set_category && `category “${categoryLabel(r.set_category)}”`,
    r.set_subcategory && `subcategory “${categoryLabel(r.set_subcategory, r.set_category)}”`,
  ].filter(Boolean);
  return parts.join(', ');
}

export function RulesCard({ userId }: { userId: number }) {
  const rules = useRules(userId);
  const categories = useCategories(userId);
  const create = useCreateRule(userId);
  const updateRule = useUpdateRule();
  const remove = useDeleteRule();
  const reorder = useReorderRules(userId);
  const apply = useApplyRules(userId);
  const toast = useToast();
  const [editing, setEditing] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);

  const move = (index: number, delta: number) => {
    const ids = (rules.data ?? []).map((r) => r.id);
    const target = index + delta;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target], ids[index]];
    reorder.mutate(ids, { onError: (e) => toast(errorMessage(e), 'error') });
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
        Rules rename and recategorize transactions as they arrive. They are tried in order; the first match wins. Your
        manual edits always win.
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
      <ol className="rules">
        {rules.data?.map((rule, index) => (
          <li key={rule.id} className="rule-row" data-testid="rule-row" data-rule-id={rule.id}>
            {editing === rule.id ? (
              <RuleForm
                rule={rule}
                categories={categories.data}
                busy={updateRule.isPending}
                error={updateRule.error}
                onCancel={() => setEditing(null)}
                onSave={(body) => updateRule.mutate({ id: rule.id, body }, { onSuccess: () => setEditing(null) })}
              />
            ) : (
              <div className="rule-summary">
                <span className="rule-text">
                  <span className="muted">If</span> {describeMatch(rule)} <span className="muted">→</span>{' '}
                  {describeSet(rule)}
                </span>
                <span className="row">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Move up"
                    disabled={index === 0 || reorder.isPending}
                    onClick={() => move(index, -1)}
                    data-testid="rule-up"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Move down"
                    disabled={index === (rules.data?.length ?? 0) - 1 || reorder.isPending}
                    onClick={() => move(index, 1)}
                    data-testid="rule-down"
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      updateRule.reset();
                      setEditing(rule.id);
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
        ))}
      </ol>
      {editing === null && (
        <>
          <h3>Add a rule</h3>
          <RuleForm
            key={formKey}
            categories={categories.data}
            busy={create.isPending}
            error={create.error}
            onSave={(body) => create.mutate(body, { onSuccess: () => setFormKey((k) => k + 1) })}
          />
        </>
      )}
    </Card>
  );
}
