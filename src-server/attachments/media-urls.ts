import type { ProcessedMedia } from './process-media';

export const MEDIA_PREFIX = '/media';

/** The URL paths of a media row's published copy and thumbnail, with an extension for clients that want one. */
export function mediaUrls(m: Pick<ProcessedMedia, 'published_sha256' | 'published_mime' | 'thumb_sha256'>) {
  const ext = m.published_mime === 'video/mp4' ? 'mp4' : m.published_mime === 'video/webm' ? 'webm' : 'jpg';
  return { url: `${MEDIA_PREFIX}/${m.published_sha256}.${ext}`, thumbUrl: `${MEDIA_PREFIX}/${m.thumb_sha256}.jpg` };
}

/** The same for a case attachment as listed. */
export function attachmentUrls(a: { publishedSha256: string; publishedMime: string; thumbSha256: string }) {
  return mediaUrls({
    published_sha256: a.publishedSha256,
    published_mime: a.publishedMime,
    thumb_sha256: a.thumbSha256,
  });
}
