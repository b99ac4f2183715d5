import type { CaseAttachment } from '../attachments/attachments';
import { attachmentUrls } from '../attachments/media-urls';
import { html, type SafeHtml } from './html';
import { t } from './messages';

/**
 * Thumbnails that link to the full published copy (a clean JPEG, or the remuxed video): phone-friendly, no script,
 * served from this host (the page's CSP allows images from 'self' only). Empty when there is nothing to show.
 */
export function mediaGallery(items: readonly CaseAttachment[], label: string): SafeHtml | string {
  if (items.length === 0) return '';
  return html`<ul class="photos">
    ${items.map((item, i) => {
      const { url, thumbUrl } = attachmentUrls(item);
      const alt =
        item.mediaKind === 'video'
          ? t('video_number', { n: i + 1, seconds: Math.round((item.durationMs ?? 0) / 1000) })
          : t('photo_number', { label, n: i + 1 });
      return html`<li>
        <a href="${url}"><img src="${thumbUrl}" alt="${alt}" loading="lazy" /></a>${item.mediaKind === 'video'
          ? html`<br /><small>${alt}</small>`
          : ''}
      </li>`;
    })}
  </ul>`;
}
