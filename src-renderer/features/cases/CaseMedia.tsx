import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAttachment } from '../../../src-shared/contract/cases';
import { formatDate } from '../../../src-shared/i18n/format';
import { mediaCaption } from './mediaCaption';
import { MediaLightbox } from './MediaLightbox';
import { useMediaFile } from './useMediaFile';

function Thumbnail({ item, onOpen }: { item: CaseAttachment; onOpen(): void }) {
  const { t } = useTranslation();
  // Fetched again once sync has cached it (the case reloads then), e.g. after a failure offline.
  const file = useMediaFile(item.thumbSha256, item.thumbCached);
  const kind = t(item.kind === 'video' ? 'cases.media.video' : 'cases.media.photo');
  return (
    <li>
      <button
        type="button"
        className={`media-thumb media-thumb--${item.kind}`}
        onClick={onOpen}
        title={mediaCaption(t, item)}
        aria-label={t('cases.media.open', { kind, date: formatDate(new Date(item.createdAt)) })}
        data-testid="media-thumb"
        data-kind={item.kind}
        data-state={file.status}
      >
        {file.status === 'ready' ? <img src={file.url} alt="" /> : null}
        {file.status === 'failed' ? <span className="media-thumb__note">{t('cases.media.offlineThumb')}</span> : null}
        {item.kind === 'video' ? (
          <span className="media-thumb__play" aria-hidden="true">
            ▶
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** The case's photos and videos as a grid of thumbnails; one opens full size in the lightbox. */
export function CaseMedia({ items }: { items: readonly CaseAttachment[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const close = useCallback(() => setOpen(null), []);
  return (
    <section className="case-media" data-testid="case-media">
      <h3 className="case-section-title">{t('cases.media.title')}</h3>
      {items.length === 0 ? (
        <p className="muted" data-testid="case-media-empty">
          {t('cases.media.empty')}
        </p>
      ) : (
        <ul className="case-media__grid">
          {items.map((item, index) => (
            <Thumbnail key={item.id} item={item} onOpen={() => setOpen(index)} />
          ))}
        </ul>
      )}
      {open !== null && open < items.length ? (
        <MediaLightbox items={items} index={open} onMove={setOpen} onClose={close} />
      ) : null}
    </section>
  );
}
