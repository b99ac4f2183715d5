import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAttachment } from '../../../src-shared/contract/cases';
import { LightboxVideo } from './LightboxVideo';
import { mediaCaption } from './mediaCaption';
import { mediaErrorKey, useMediaFile } from './useMediaFile';

interface MediaLightboxProps {
  items: readonly CaseAttachment[];
  index: number;
  onMove(index: number): void;
  onClose(): void;
}

/** One photo or video at full size over the page: ←/→ move, Esc closes; a clear state when it is not downloaded. */
export function MediaLightbox({ items, index, onMove, onClose }: MediaLightboxProps) {
  const { t } = useTranslation();
  const item = items[index]!;
  // Videos stream from the core with byte ranges (LightboxVideo); only photos are fetched whole.
  const file = useMediaFile(item.kind === 'video' ? null : item.sha256);
  const dialog = useRef<HTMLDivElement>(null);
  const count = items.length;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => previous?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      else if (event.key === 'ArrowRight' && count > 1) onMove((index + 1) % count);
      else if (event.key === 'ArrowLeft' && count > 1) onMove((index - 1 + count) % count);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [index, count, onMove, onClose]);

  const caption = mediaCaption(t, item);
  let body;
  if (item.kind === 'video') body = <LightboxVideo key={item.sha256} sha256={item.sha256} />;
  else if (file.status === 'loading') body = <p className="media-lightbox__state">{t('cases.media.loading')}</p>;
  else if (file.status === 'failed') {
    const key = mediaErrorKey(file.error);
    body = (
      <p className="media-lightbox__state" data-testid="media-lightbox-error" data-reason={key}>
        {key === 'failed'
          ? t('cases.media.failed', { message: t(`errors.${file.error.code}`) })
          : t(`cases.media.${key}`)}
      </p>
    );
  } else {
    body = <img className="media-lightbox__media" src={file.url} alt={caption} data-testid="media-lightbox-image" />;
  }

  return (
    <div className="media-lightbox" onClick={onClose}>
      <div
        ref={dialog}
        className="media-lightbox__frame"
        role="dialog"
        aria-modal="true"
        aria-label={t('cases.media.viewer')}
        tabIndex={-1}
        data-testid="media-lightbox"
        data-index={index}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="media-lightbox__stage">{body}</div>
        <div className="media-lightbox__bar">
          <button
            type="button"
            className="button"
            onClick={() => onMove((index - 1 + count) % count)}
            disabled={count < 2}
            aria-label={t('cases.media.previous')}
            title={t('cases.media.previous')}
          >
            ←
          </button>
          <span className="media-lightbox__caption" data-testid="media-lightbox-caption">
            {caption} · {t('cases.media.position', { index: index + 1, count })}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => onMove((index + 1) % count)}
            disabled={count < 2}
            aria-label={t('cases.media.next')}
            title={t('cases.media.next')}
          >
            →
          </button>
          <button type="button" className="button" onClick={onClose} data-testid="media-lightbox-close">
            {t('cases.media.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
