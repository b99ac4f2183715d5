import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../src-shared/i18n/format';
import { core } from '../../bridge';
import { Notice } from '../../ui';
import { useConflicts } from './useConflicts';

/** Commands the server refused, with its reason: never dropped silently, the operator discards or retries each. */
export function ConflictsPanel({ count }: { count: number }) {
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
              <strong>{c.name}</strong> <span className="mono">{c.caseId ?? ''}</span>
              <div className="muted">
                {t('sync.by', { user: c.actorUsername, at: formatDateTime(new Date(c.createdAt)) })}
              </div>
              <div>
                {t('sync.reason')}: <span className="mono">{c.code}</span> — {c.message}
              </div>
            </div>
            <div className="case-conflicts__actions">
              <button
                type="button"
                className="btn btn--small"
                disabled={busy === c.id}
                onClick={() => void resolve(c.id, 'retry')}
              >
                {t('sync.retry')}
              </button>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                disabled={busy === c.id}
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
