import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemMonitor } from '../../../src-shared/contract/alerts';
import { formatDateTime } from '../../../src-shared/i18n';
import { EmptyState, Notice, Page, Panel } from '../../ui';
import { ResponseChart } from './ResponseChart';
import { formatUptime, PERIODS, type PeriodName, periodRange } from './systemsView';
import { useSystemsBoard } from './useSystemsBoard';
import './systems.css';

const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '—');

function CertCell({ monitor }: { monitor: SystemMonitor }) {
  const { t } = useTranslation();
  if (monitor.certDaysLeft === null) return <>—</>;
  const tone = monitor.certDaysLeft <= 7 ? 'danger' : monitor.certDaysLeft <= 14 ? 'warn' : 'ok';
  return (
    <span className={`sys-cert sys-cert--${tone}`} data-testid="sys-cert" data-days={monitor.certDaysLeft}>
      {t('systems.certDays', { count: monitor.certDaysLeft })}
    </span>
  );
}

/**
 * The shared government software (online public services, iDesk, official e-mail, video conferencing, city
 * website): up or down, how fast, since when — with uptime over 24 h, 30 days and a reporting period, the last
 * day's response times, and the incidents.
 */
export function SystemsPage() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<PeriodName>('last7days');
  // The period's start is fixed when chosen; its end is "now" on the server at each refresh.
  const range = useMemo(() => periodRange(period, new Date()), [period]);
  const { state, reload } = useSystemsBoard(range);

  return (
    <Page name="systems" title={t('systems.title')}>
      <div className="sys-toolbar">
        <label className="field sys-toolbar__period">
          <span className="field__label">{t('systems.period')}</span>
          <select
            className="input"
            value={period}
            onChange={(e) => setPeriod(PERIODS.find((p) => p === e.target.value) ?? 'last7days')}
            data-testid="sys-period"
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`systems.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={reload}>
          {t('common.reload')}
        </button>
      </div>
      {state.status === 'loading' ? <p className="muted">{t('common.loading')}</p> : null}
      {state.status === 'failed' ? (
        <Notice tone="error" testId="sys-error" hint={t('systems.failedHint')}>
          {t('systems.failed', { message: state.error.message || t(`errors.${state.error.code}`) })}
        </Notice>
      ) : null}
      {state.status === 'ready' && state.board.monitors.length === 0 ? (
        <EmptyState
          icon="dashboard"
          title={t('systems.emptyTitle')}
          body={t('systems.emptyBody')}
          next={t('systems.emptyNext')}
        />
      ) : null}
      {state.status === 'ready' && state.board.monitors.length > 0 ? (
        <>
          <Panel title={t('systems.monitors')} testId="sys-board">
            <table className="sys-table">
              <thead>
                <tr>
                  <th>{t('systems.columns.system')}</th>
                  <th>{t('systems.columns.status')}</th>
                  <th>{t('systems.columns.response')}</th>
                  <th>{t('systems.columns.day')}</th>
                  <th>{t('systems.columns.month')}</th>
                  <th>{t('systems.columns.period')}</th>
                  <th>{t('systems.columns.cert')}</th>
                  <th>{t('systems.columns.chart')}</th>
                </tr>
              </thead>
              <tbody>
                {state.board.monitors.map((m) => (
                  <tr key={m.id} data-testid="sys-row" data-monitor-id={m.id} data-status={m.status}>
                    <td>
                      <strong>{m.name}</strong>
                      <div className="muted sys-target">{m.target}</div>
                    </td>
                    <td>
                      <span className={`sys-status sys-status--${m.status}`} data-testid="sys-status">
                        {t(`systems.status.${m.status}`)}
                      </span>
                      <div className="muted sys-since">
                        {t('systems.since', { when: when(m.since) })}
                        {m.message && m.status !== 'up' ? ` — ${m.message}` : ''}
                      </div>
                    </td>
                    <td>{m.lastResponseMs === null ? '—' : `${Math.round(m.lastResponseMs)} ms`}</td>
                    <td>{formatUptime(m.uptime.day, i18n.language)}</td>
                    <td>{formatUptime(m.uptime.month, i18n.language)}</td>
                    <td>{formatUptime(m.uptime.period, i18n.language)}</td>
                    <td>
                      <CertCell monitor={m} />
                    </td>
                    <td>
                      <ResponseChart points={m.responseTimes} generatedAt={state.board.generatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted sys-note">
              {t('systems.generated', { when: when(state.board.generatedAt) })} · {t('systems.uptimeNote')}
            </p>
          </Panel>
          <Panel title={t('systems.incidents')} testId="sys-incidents">
            {state.board.incidents.length === 0 ? (
              <p className="muted">{t('systems.noIncidents')}</p>
            ) : (
              <ul className="sys-incidents">
                {state.board.incidents.map((i) => (
                  <li key={i.id} data-testid="sys-incident" data-open={i.endedAt === null || undefined}>
                    <strong>{i.monitorName}</strong> — {i.cause}
                    <div className="muted">
                      {when(i.startedAt)} → {i.endedAt ? when(i.endedAt) : t('systems.ongoing')}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      ) : null}
    </Page>
  );
}
