import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { CaseRow } from './CaseRow';
import { visibleRange } from './windowing';

/** Fixed row height: windowing needs it, and a fixed rhythm scans faster on a control-room screen. */
export const ROW_HEIGHT = 52;

interface CaseListProps {
  cases: readonly CaseSummary[];
  query: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  agencyLabel: (id: string) => string;
}

/** The inbox: only the rows in view (plus a few) are in the DOM, so 100,000 cases scroll like 100. */
export function CaseList({ cases, query, selectedId, onSelect, agencyLabel }: CaseListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = (): void => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);

  const { start, end } = visibleRange(view.top, view.height, ROW_HEIGHT, cases.length);
  return (
    <div className="case-list" role="grid" aria-label={t('cases.list')} aria-rowcount={cases.length + 1}>
      <div role="row" className="case-row case-row--head">
        <span role="columnheader">{t('cases.col.code')}</span>
        <span role="columnheader">{t('cases.col.category')}</span>
        <span role="columnheader">{t('cases.col.status')}</span>
        <span role="columnheader">{t('cases.col.place')}</span>
        <span role="columnheader">{t('cases.col.agency')}</span>
        <span role="columnheader">{t('cases.col.due')}</span>
      </div>
      <div className="case-list__scroll" ref={scroller} data-testid="cases-list">
        <div className="case-list__space" style={{ height: cases.length * ROW_HEIGHT }}>
          {cases.slice(start, end).map((item, i) => (
            <CaseRow
              key={item.id}
              item={item}
              query={query}
              selected={item.id === selectedId}
              top={(start + i) * ROW_HEIGHT}
              onSelect={onSelect}
              agencyLabel={agencyLabel}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
