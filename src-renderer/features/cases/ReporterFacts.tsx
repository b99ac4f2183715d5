import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, RevealedReporter } from '../../../src-shared/contract/cases';
import { formatDateTime } from '../../../src-shared/i18n/format';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { Notice } from '../../ui';

type Reveal =
  | { step: 'masked' }
  | { step: 'confirm' }
  | { step: 'busy' }
  | { step: 'shown'; reporter: RevealedReporter | null; at: string }
  | { step: 'failed'; message: string };

/**
 * The reporter as the server masked it. A role with identity.reveal may ask the central server for the full
 * identity after confirming: the server audits the reveal, and what it returns lives only in this component.
 */
export function ReporterFacts({ caseId, reporter }: { caseId: string; reporter: CaseDetail['reporter'] }) {
  const { t } = useTranslation();
  const mayReveal = useCan('identity.reveal');
  const [reveal, setReveal] = useState<Reveal>({ step: 'masked' });
  const parts = reporter ? [reporter.name, reporter.phone, reporter.email].filter((p) => p !== null) : [];

  const confirm = async (): Promise<void> => {
    setReveal({ step: 'busy' });
    const r = await core.call('case.revealReporter', { caseId });
    setReveal(
      r.ok
        ? { step: 'shown', reporter: r.value.reporter, at: r.value.revealedAt }
        : { step: 'failed', message: t(`errors.${r.error.code}`) },
    );
  };

  if (parts.length === 0) {
    return (
      <div className="case-reporter" data-testid="case-reporter">
        <h3 className="case-section-title">{t('cases.detail.reporter')}</h3>
        <p className="muted">{t('cases.detail.noReporter')}</p>
      </div>
    );
  }
  const shown = reveal.step === 'shown' ? reveal : null;
  const full = shown?.reporter
    ? [shown.reporter.name, shown.reporter.phone, shown.reporter.email].filter((p) => p !== null)
    : [];
  return (
    <div className="case-reporter" data-testid="case-reporter">
      <h3 className="case-section-title">{t('cases.detail.reporter')}</h3>
      {shown ? (
        <>
          <p className="mono" data-testid="case-reporter-revealed">
            {full.length > 0 ? full.join(' · ') : t('cases.detail.revealAnonymous')}
          </p>
          <p className="muted">{t('cases.detail.revealed', { at: formatDateTime(new Date(shown.at)) })}</p>
          <button type="button" className="btn btn--small" onClick={() => setReveal({ step: 'masked' })}>
            {t('cases.detail.revealHide')}
          </button>
        </>
      ) : (
        <>
          <p className="mono" data-testid="case-reporter-masked">
            {parts.join(' · ')}
          </p>
          <p className="muted">{t('cases.detail.reporterMasked')}</p>
        </>
      )}
      {mayReveal && (reveal.step === 'masked' || reveal.step === 'failed') ? (
        <button
          type="button"
          className="btn btn--small"
          data-testid="case-reveal"
          onClick={() => setReveal({ step: 'confirm' })}
        >
          {t('cases.detail.reveal')}
        </button>
      ) : null}
      {reveal.step === 'confirm' || reveal.step === 'busy' ? (
        <div className="case-reporter__confirm" role="alertdialog" aria-label={t('cases.detail.reveal')}>
          <p>{t('cases.detail.revealConfirm')}</p>
          <button
            type="button"
            className="btn btn--small btn--primary"
            data-testid="case-reveal-confirm"
            disabled={reveal.step === 'busy'}
            onClick={() => void confirm()}
          >
            {t('cases.detail.revealYes')}
          </button>{' '}
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setReveal({ step: 'masked' })}>
            {t('cases.detail.revealCancel')}
          </button>
        </div>
      ) : null}
      {reveal.step === 'failed' ? (
        <Notice tone="error" testId="case-reveal-error">
          {t('cases.detail.revealFailed', { message: reveal.message })}
        </Notice>
      ) : null}
    </div>
  );
}
