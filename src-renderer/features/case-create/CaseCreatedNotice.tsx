import { useTranslation } from 'react-i18next';
import { focusCase } from '../../stores/caseFocus';
import { Notice } from '../../ui';
import type { CaseCreated } from './NewCaseDialog';

/** What became of a new case, with a link that opens it on the Cases page (unless `openable` is false). */
export function CaseCreatedNotice({
  created,
  onDismiss,
  openable = true,
}: {
  created: CaseCreated;
  onDismiss(): void;
  openable?: boolean;
}) {
  const { t } = useTranslation();
  const text =
    created.snapshot === 'failed'
      ? t('caseCreate.snapshotFailed', { message: created.snapshotError ?? '' })
      : created.snapshot === 'attached'
        ? t('caseCreate.createdWithSnapshot')
        : t('caseCreate.created');
  return (
    <Notice tone={created.snapshot === 'failed' ? 'warn' : 'info'} testId="case-created">
      {text}{' '}
      {openable ? (
        <>
          <button
            type="button"
            className="btn btn--small"
            data-testid="case-created-open"
            onClick={() => {
              focusCase(created.caseId);
              onDismiss();
              window.location.hash = '#/cases';
            }}
          >
            {t('caseCreate.openCase')}
          </button>{' '}
        </>
      ) : null}
      <button type="button" className="btn btn--small btn--ghost" onClick={onDismiss}>
        {t('caseCreate.dismiss')}
      </button>
    </Notice>
  );
}
