import type { TFunction } from 'i18next';
import type { CaseAttachment } from '../../../src-shared/contract/cases';
import { formatDate } from '../../../src-shared/i18n/format';

/** "Photo · 27/11/2026 · from the citizen" (plus "result" for a result photo). */
export function mediaCaption(t: TFunction, a: CaseAttachment): string {
  const origin = t(`cases.media.origin_${a.origin}`);
  const caption = t('cases.media.caption', {
    kind: t(a.kind === 'video' ? 'cases.media.video' : 'cases.media.photo'),
    date: formatDate(new Date(a.createdAt)),
    origin,
  });
  return a.role === 'result' ? `${caption} (${t('cases.media.role_result')})` : caption;
}
