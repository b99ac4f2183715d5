import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../src-shared/contract/cases';
import { CASE_ACTION_TYPES } from '../../../src-shared/domain/cases/actions';
import { formatDateTime } from '../../../src-shared/i18n/format';

const OTHER_ACTIONS = ['comment', 'assign', 'receive', 'progress', 'rating', 'attach'] as const;
type KnownAction = (typeof CASE_ACTION_TYPES)[number] | (typeof OTHER_ACTIONS)[number];
const KNOWN: readonly string[] = [...CASE_ACTION_TYPES, ...OTHER_ACTIONS];

function isKnown(action: string): action is KnownAction {
  return KNOWN.includes(action);
}

/** Every event of the case, oldest first, with who did it and when (Vietnam time); unsent ones are marked. */
interface TimelineProps {
  entries: readonly TimelineEntry[];
  /** An agency's name for an id (the id itself when unknown). */
  agencyLabel: (id: string) => string;
}

export function Timeline({ entries, agencyLabel }: TimelineProps) {
  const { t } = useTranslation();
  return (
    <ol className="case-timeline" data-testid="case-timeline">
      {entries.map((e) => (
        <li
          key={e.id}
          className={e.pending ? 'case-timeline__item case-timeline__item--pending' : 'case-timeline__item'}
          data-testid="timeline-entry"
          data-action={e.action}
          data-pending={e.pending}
        >
          <div className="case-timeline__head">
            <strong>{isKnown(e.action) ? t(`cases.action.${e.action}`) : e.action}</strong>
            {e.fromState !== e.toState ? (
              <span className={`case-state case-state--${e.toState}`}>{t(`cases.state.${e.toState}`)}</span>
            ) : null}
            {e.pending ? <span className="case-chip case-chip--pending">{t('cases.detail.unsentEntry')}</span> : null}
          </div>
          <div className="muted case-timeline__meta">
            <span data-testid="timeline-actor">
              {e.actorName && e.actorName !== e.actor ? `${e.actorName} (${e.actor})` : e.actor}
            </span>
            {' · '}
            <time dateTime={e.at}>{formatDateTime(new Date(e.at))}</time>
          </div>
          {e.publicNote ? <p className="case-timeline__note case-timeline__note--public">{e.publicNote}</p> : null}
          {e.internalNote ? <p className="case-timeline__note">{e.internalNote}</p> : null}
          {typeof e.data.agencyId === 'string' ? (
            <p className="case-timeline__note" data-testid="timeline-agency">
              → {agencyLabel(e.data.agencyId)}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
