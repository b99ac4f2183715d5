import type { Attachments } from '../attachments/attachments';
import { MediaError } from '../attachments/media-error';
import { mediaParams } from '../attachments/messages';
import { MultipartBody } from '../attachments/multipart';
import type { ProcessedMedia } from '../attachments/process-media';
import { attachmentUrls } from '../attachments/media-urls';
import { fail, Open311Error } from './errors';
import type { Language } from './messages';
import type { PostFields } from './post-body';
import { readText } from './text-fields';

export interface PostedMedia {
  media: ProcessedMedia;
  fileName: string | null;
}

/**
 * The photo or video posted with a request: a `media` file part of a multipart/form-data body, or
 * `media_upload_id` naming a finished resumable upload of the same API key (`/api/uploads`, for large videos and
 * flaky networks). It is checked and processed before the case exists, so a refused file creates nothing and the
 * client can send the whole report again. A `media_url` stays what it was: a link, never fetched by the server.
 */
export async function readPostedMedia(
  body: unknown,
  post: PostFields,
  attachments: Attachments,
  apiKeyId: string,
  language: Language,
  now: Date,
): Promise<PostedMedia | null> {
  checkMultipartBody(body, attachments, language);
  const files = body instanceof MultipartBody ? body.files : [];
  if (files.length > 1 || files.some((f) => f.field !== 'media')) fail(400, 'media_field_unknown');
  const errors: Parameters<typeof readText>[3] = [];
  const uploadId = readText('media_upload_id', post.fields.get('media_upload_id'), { max: 64 }, errors);
  if (errors.length > 0) throw new Open311Error(400, errors);
  if (files.length === 1 && uploadId !== null) fail(400, 'media_field_unknown');
  try {
    if (files.length === 1) {
      const file = files[0]!;
      return { media: await attachments.ingestBuffer(file.data, now), fileName: file.fileName || null };
    }
    if (uploadId !== null) {
      const upload = await attachments.completedUpload(`open311:${apiKeyId}`, uploadId);
      if (!upload) fail(400, 'media_upload_unknown', { value: uploadId });
      return upload;
    }
    return null;
  } catch (error) {
    if (error instanceof MediaError) throw refused(error, language);
    throw error;
  }
}

/** A multipart body that could not be read is refused first, before an api_key missing from it is reported. */
export function checkMultipartBody(body: unknown, attachments: Attachments, language: Language): void {
  if (!(body instanceof MultipartBody) || body.problem === null) return;
  if (body.problem === 'unauthorized') fail(403, 'api_key_before_media');
  if (body.problem === 'too_large') {
    throw refused(new MediaError('too_large', tooLargeParams(body.received, attachments)), language);
  }
  fail(400, body.problem === 'too_many_files' ? 'media_field_unknown' : 'media_form_malformed');
}

function tooLargeParams(received: number, attachments: Attachments) {
  const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
  return { size: mb(received), limit: mb(attachments.limits.maxImageBytes), what: 'image' };
}

function refused(error: MediaError, language: Language): Open311Error {
  return new Open311Error(error.code === 'too_large' ? 413 : 400, [
    { key: `media_${error.code}`, params: mediaParams(error.params, language) },
  ]);
}

/** `media_url` of each request: our published copy of the citizen's photo when there is one, else their link. */
export async function publishedMediaUrls(
  attachments: Attachments,
  caseIds: readonly string[],
  origin: string,
): Promise<Map<string, string>> {
  const lists = await attachments.list(caseIds, { publicOnly: true });
  const urls = new Map<string, string>();
  for (const [caseId, list] of lists) {
    const citizen = list.find((a) => a.kind === 'citizen');
    if (citizen) urls.set(caseId, `${origin}${attachmentUrls(citizen).url}`);
  }
  return urls;
}
