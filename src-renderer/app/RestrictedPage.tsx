import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/contract';
import { Notice, Page } from '../ui';
import type { PageName } from './routes';

/** Shown instead of a page the user's roles do not grant; the core refuses the data anyway. */
export function RestrictedPage({ name, permission }: { name: PageName; permission: Permission }) {
  const { t } = useTranslation();
  return (
    <Page name={name} title={t(`${name}.title`)}>
      <Notice
        tone="warn"
        testId="page-restricted"
        hint={t('restricted.body', { permission: t(`permissions.${permission}`) })}
      >
        {t('restricted.title')}
      </Notice>
    </Page>
  );
}
