import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract/cases';

/** The reporter as the server masked it; revealing the full identity (an audited act) is not built yet. */
export function ReporterFacts({ reporter }: { reporter: CaseDetail['reporter'] }) {
  const { t } = useTranslation();
  const parts = reporter ? [reporter.name, reporter.phone, reporter.email].filter((p) => p !== null) : [];
  return (
    <div className="case-reporter" data-testid="case-reporter">
      <h3 className="case-section-title">{t('cases.detail.reporter')}</h3>
      {parts.length === 0 ? (
        <p className="muted">{t('cases.detail.noReporter')}</p>
      ) : (
        <>
          <p className="mono" data-testid="case-reporter-masked">
            {parts.join(' · ')}
          </p>
          <p className="muted">
            {t('cases.detail.reporterMasked')} {t('cases.detail.revealNotBuilt')}
          </p>
        </>
      )}
    </div>
  );
}
