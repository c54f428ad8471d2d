import { useEffect, useRef } from 'react';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { categoryLabel } from '../lib/categories';
import { formatDate, formatTransactionAmount } from '../lib/format';
import { useCreateRuleFromEdit } from './mutations';
import { offerAction, previewSentence, type RuleOfferDraft } from './offer';
import { useRulePreview } from './queries';

interface Props {
  userId: number;
  offer: RuleOfferDraft;
  onDone: () => void;
}

/**
 * After an edit: "Always do this for <merchant>?", with how many other transactions the
 * rule would change (asked of the server, changing nothing) before anything is created.
 */
export function RuleOffer({ userId, offer, onDone }: Props) {
  const preview = useRulePreview(userId, offer.rule);
  const create = useCreateRuleFromEdit(userId);
  const toast = useToast();
  const changed = preview.data?.changed ?? 0;
  // The dialog stays open with new contents: focus goes to the question, read first.
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);

  const save = (apply: boolean) =>
    create.mutate(
      { rule: offer.rule, apply },
      {
        onSuccess: (created) => {
          const n = created.changed ?? 0;
          toast(
            apply
              ? `Rule created; ${n} transaction${n === 1 ? '' : 's'} changed.`
              : 'Rule created for new transactions.',
            'success',
          );
          onDone();
        },
      },
    );

  return (
    <div className="stack" data-testid="rule-offer">
      <p ref={question} tabIndex={-1}>
        Transaction saved. Make a rule to {offerAction(offer.rule, categoryLabel)} for every transaction from{' '}
        <strong data-testid="rule-offer-merchant">{offer.merchant}</strong>
        {offer.rule.match_account_ids?.length ? ' in the accounts shared with you' : ''}?
      </p>
      {preview.isPending && <Loading />}
      <ErrorText error={preview.error} />
      {preview.data && (
        <>
          <p className="notice" role="status" data-testid="rule-offer-count">
            {previewSentence(changed)}
          </p>
          {preview.data.samples.length > 0 && (
            <ul className="muted small" aria-label="Some of them">
              {preview.data.samples.map((s) => (
                <li key={s.id}>
                  {formatDate(s.date)} · {s.name} · {formatTransactionAmount(s.amount, s.iso_currency_code).text}
                  {s.category !== s.new_category && (
                    <>
                      {' '}
                      · {categoryLabel(s.category) || 'no category'} → {categoryLabel(s.new_category)}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <ErrorText error={create.error} />
      <div className="row end">
        <button type="button" className="button-secondary" onClick={onDone} data-testid="rule-offer-dismiss">
          Not now
        </button>
        {changed > 0 && (
          <button
            type="button"
            className="button-secondary"
            disabled={create.isPending}
            onClick={() => save(false)}
            data-testid="rule-offer-new-only"
          >
            Only new transactions
          </button>
        )}
        <button
          type="button"
          disabled={create.isPending || preview.isPending}
          onClick={() => save(changed > 0)}
          data-testid="rule-offer-create"
        >
          {changed > 0 ? `Create rule and change ${changed}` : 'Create rule'}
        </button>
      </div>
    </div>
  );
}
