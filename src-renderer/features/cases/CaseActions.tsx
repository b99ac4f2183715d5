import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/cases';
import { core } from '../../bridge';
import { Field, Form, Notice } from '../../ui';
import type { AgencyDirectory } from './useAgencies';
import { type ActionDraft, EMPTY_DRAFT, type ExtraField, fieldsOf, transitionInput } from './actionForm';

const FIELD_LABEL = {
  reason: 'cases.detail.reason',
  result: 'cases.detail.resultField',
  agencyId: 'cases.detail.agencyId',
  days: 'cases.detail.days',
  duplicateOf: 'cases.detail.duplicateOf',
} as const satisfies Record<ExtraField, string>;

interface CaseActionsProps {
  detail: CaseDetail;
  /** The agency directory, offered by name when forwarding. */
  agencies: AgencyDirectory;
  onDone: () => void;
}

/** One button per lifecycle step the caller's role may take now (the core computes them from the domain's rules). */
export function CaseActions({ detail, agencies, onDone }: CaseActionsProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const [draft, setDraft] = useState<ActionDraft>(EMPTY_DRAFT);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const step = chosen === null ? undefined : detail.next[chosen];
  const input = step ? transitionInput(detail.id, step, draft) : null;

  const submit = async (): Promise<void> => {
    if (!input) return;
    setBusy(true);
    const r = await core.call('case.transition', input);
    setBusy(false);
    if (r.ok) {
      setMessage({ tone: 'info', text: t('cases.detail.queued') });
      setChosen(null);
      setDraft(EMPTY_DRAFT);
      onDone();
    } else setMessage({ tone: 'error', text: t('cases.detail.actionFailed', { message: r.error.message }) });
  };

  return (
    <section className="case-actions" aria-label={t('cases.detail.actions')}>
      <h3 className="case-section-title">{t('cases.detail.actions')}</h3>
      {detail.next.length === 0 ? <p className="muted">{t('cases.detail.noActions')}</p> : null}
      <div className="case-actions__buttons">
        {detail.next.map((n, i) => (
          <button
            key={n.action}
            type="button"
            className={i === chosen ? 'btn btn--small btn--primary' : 'btn btn--small'}
            aria-pressed={i === chosen}
            data-testid={`case-action-${n.action}`}
            onClick={() => {
              setChosen(i === chosen ? null : i);
              setMessage(null);
            }}
          >
            {t(`cases.action.${n.action}`)}
          </button>
        ))}
      </div>
      {step ? (
        <Form className="case-actions__form" testId="case-action-form" onSubmit={submit}>
          {fieldsOf(step.action).map(({ field, required }) => (
            <Field
              key={field}
              label={
                <>
                  {t(FIELD_LABEL[field])}
                  {required ? ` (${t('cases.detail.required')})` : ''}
                </>
              }
            >
              {field === 'agencyId' && agencies.items.length > 0 ? (
                <select
                  className="input"
                  data-testid="case-field-agencyId"
                  value={draft.extra.agencyId ?? ''}
                  onChange={(e) => setDraft({ ...draft, extra: { ...draft.extra, agencyId: e.target.value } })}
                >
                  <option value="">{t('cases.detail.chooseAgency')}</option>
                  {agencies.items.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              ) : (
                // Without a directory (never reached the server) the agency's id is typed in.
                <input
                  className="input"
                  data-testid={`case-field-${field}`}
                  type={field === 'days' ? 'number' : 'text'}
                  value={draft.extra[field] ?? ''}
                  onChange={(e) => setDraft({ ...draft, extra: { ...draft.extra, [field]: e.target.value } })}
                />
              )}
            </Field>
          ))}
          <Field label={t('cases.detail.note')}>
            <textarea
              className="input"
              rows={2}
              data-testid="case-field-note"
              value={draft.note}
              onChange={(e) => setDraft({ ...draft, note: e.target.value })}
            />
          </Field>
          <Field label={t('cases.detail.publicNote')}>
            <textarea
              className="input"
              rows={2}
              value={draft.publicNote}
              onChange={(e) => setDraft({ ...draft, publicNote: e.target.value })}
            />
          </Field>
          <button type="submit" className="btn btn--primary" disabled={!input || busy} data-testid="case-action-submit">
            {t(`cases.action.${step.action}`)} → {t(`cases.state.${step.to}`)}
          </button>
        </Form>
      ) : null}
      {message ? (
        <Notice tone={message.tone} testId="case-action-message">
          {message.text}
        </Notice>
      ) : null}
    </section>
  );
}
