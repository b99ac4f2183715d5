import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../src-shared/contract/cases';
import { CASE_ACTION_TYPES, type CaseActionType } from '../../../src-shared/domain/cases/actions';
import { formatDateTime } from '../../../src-shared/i18n/format';
import { core } from '../../bridge';
import { Notice } from '../../ui';
import { useConflicts } from './useConflicts';

const CASE_ACTIONS: readonly string[] = CASE_ACTION_TYPES;

/** What the refused command was, in words for case commands (its lifecycle step); other commands by name. */
function commandLabel(c: Conflict, t: TFunction): string {
  if (c.name === 'case.comment') return t('cases.action.comment');
  if (c.name === 'case.assign') return t('cases.action.assign');
  if (c.name === 'alert.acknowledge') return t('alerts.acknowledgeCommand');
  const action: unknown =
    c.name === 'case.transition' && typeof c.args === 'object' && c.args !== null
      ? (c.args as { action?: { type?: unknown } }).action?.type
      : undefined;
  return typeof action === 'string' && CASE_ACTIONS.includes(action)
    ? t(`cases.action.${action as CaseActionType}`)
    : c.name;
}

/** The server's reason in the operator's language when its code is known; its own words otherwise. */
function rejectionText(c: Conflict, t: TFunction): string {
  const key = `sync.rejection.${c.code}`;
  const text = t(key, { defaultValue: '' });
  return text === '' || text === key ? c.message : text;
}

/** Commands the server refused, with its reason: never dropped silently, the operator discards or retries each. */
export function ConflictsPanel({ count, codeOf }: { count: number; codeOf: (caseId: string) => string | undefined }) {
  const { t } = useTranslation();
  const { state, reload } = useConflicts(count);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const resolve = async (id: number, resolution: 'discard' | 'retry'): Promise<void> => {
    setBusy(id);
    const r = await core.call('sync.resolveConflict', { id, resolution });
    setBusy(null);
    setError(r.ok ? null : t('cases.detail.actionFailed', { message: r.error.message }));
    reload();
  };

  if (state.status === 'loading') return null;
  if (state.status === 'failed') {
    // Roles without cases.write have no conflicts inbox; say nothing rather than a 403 banner.
    if (state.error.code === 'forbidden') return null;
    return (
      <Notice tone="error" testId="conflicts-error">
        {t('sync.conflictsFailed', { message: t(`errors.${state.error.code}`) })}
      </Notice>
    );
  }
  if (state.conflicts.length === 0) return null;
  return (
    <section className="case-conflicts" data-testid="conflicts" aria-label={t('sync.conflicts')}>
      <h2 className="case-section-title">{t('sync.conflicts')}</h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <ul className="case-conflicts__list">
        {state.conflicts.map((c) => (
          <li key={c.id} className="case-conflicts__item" data-testid="conflict" data-conflict-id={c.id}>
            <div>
              <strong data-testid="conflict-command">{commandLabel(c, t)}</strong>{' '}
              <span className="mono" data-testid="conflict-case">
                {c.caseId ? (codeOf(c.caseId) ?? c.caseId) : ''}
              </span>
              <div className="muted">
                {t('sync.by', { user: c.actorUsername, at: formatDateTime(new Date(c.createdAt)) })}
              </div>
              <div data-testid="conflict-reason">
                {t('sync.reason')}: {rejectionText(c, t)}
              </div>
              <details className="muted">
                <summary>{t('sync.serverDetail')}</summary>
                <span className="mono">{c.code}</span> — {c.message}
              </details>
            </div>
            <div className="case-conflicts__actions">
              <button
                type="button"
                className="btn btn--small"
                disabled={busy === c.id}
                data-testid="conflict-retry"
                onClick={() => void resolve(c.id, 'retry')}
              >
                {t('sync.retry')}
              </button>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                disabled={busy === c.id}
                data-testid="conflict-discard"
                onClick={() => void resolve(c.id, 'discard')}
              >
                {t('sync.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
