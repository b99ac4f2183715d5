import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { formatDate } from '../../../src-shared/i18n/format';
import { Highlighted } from './Highlighted';

interface CaseRowProps {
  item: CaseSummary;
  query: string;
  selected: boolean;
  top: number;
  onSelect: (id: string) => void;
  agencyLabel: (id: string) => string;
}

export function CaseRow({ item, query, selected, top, onSelect, agencyLabel }: CaseRowProps) {
  const { t } = useTranslation();
  return (
    <div
      role="row"
      aria-selected={selected}
      className="case-row"
      style={{ transform: `translateY(${top}px)` }}
      data-testid="case-row"
      data-case-id={item.id}
      data-state={item.state}
      onClick={() => onSelect(item.id)}
    >
      <span role="gridcell" className="case-row__code">
        <button type="button" className="case-row__open">
          <Highlighted text={item.code} query={query} />
        </button>
        {item.pending > 0 ? (
          <span className="case-chip case-chip--pending" data-testid="case-row-pending">
            {t('cases.unsent', { count: item.pending })}
          </span>
        ) : null}
      </span>
      <span role="gridcell" className="case-row__category" title={item.excerpt ?? undefined}>
        <span className="case-row__name">
          <Highlighted text={item.serviceName} query={query} />
        </span>
        {item.excerpt ? (
          <span className="case-row__excerpt">
            <Highlighted text={item.excerpt} query={query} />
          </span>
        ) : null}
      </span>
      <span role="gridcell">
        <span className={`case-state case-state--${item.state}`} data-testid="case-row-state">
          {t(`cases.state.${item.state}`)}
        </span>
      </span>
      <span role="gridcell" className="case-row__place">
        <Highlighted text={item.addressString ?? '—'} query={query} />
      </span>
      <span role="gridcell" className="case-row__agency">
        {item.agencyId !== null ? agencyLabel(item.agencyId) : <span className="muted">{t('cases.noAgency')}</span>}
      </span>
      <span role="gridcell" className={item.overdue ? 'case-row__due case-row__due--overdue' : 'case-row__due'}>
        {formatDate(new Date(item.dueAt))}
        {item.overdue ? <span className="case-row__overdue"> · {t('cases.overdue')}</span> : null}
      </span>
    </div>
  );
}
