import type { MediaErrorCode } from './media-error';

/**
 * Texts for refused files, shown by Open311 errors, the upload API and the agency inbox. Vietnamese is the source;
 * English has the same keys (checked by the type). They move to src-shared/i18n with the server's other strings.
 */
const vi: Record<MediaErrorCode, string> = {
  empty: 'Tệp rỗng (0 byte): hãy chọn lại ảnh hoặc video.',
  too_large: 'Tệp quá lớn ({{size}} MB); tối đa {{limit}} MB cho {{what}}.',
  unknown_type: 'Không nhận dạng được tệp: chỉ nhận ảnh JPEG, PNG, WebP và video MP4, MOV, WebM.',
  heif_not_supported:
    'Ảnh HEIC/AVIF chưa được hỗ trợ: hãy chụp ở chế độ “Tương thích nhất” (JPEG) hoặc chia sẻ ảnh dưới dạng JPEG.',
  polyglot:
    'Tệp có dữ liệu lạ ngoài nội dung ảnh/video (có thể là một tệp khác giấu bên trong), nên không được nhận. Hãy lưu lại ảnh bằng ứng dụng chụp ảnh rồi gửi lại.',
  truncated: 'Tệp bị thiếu phần cuối (tải lên chưa xong hoặc tệp hỏng): hãy gửi lại.',
  corrupt: 'Tệp hỏng, không đọc được nội dung ảnh/video.',
  too_many_pixels: 'Ảnh quá lớn ({{width}}×{{height}} điểm ảnh); tối đa {{limit}} megapixel.',
  video_too_long: 'Video dài {{seconds}} giây; tối đa {{limit}} giây.',
  codec_not_allowed: 'Video dùng định dạng nén không được hỗ trợ ({{codec}}).',
  hash_mismatch: 'Nội dung nhận được không khớp mã kiểm tra SHA-256 đã khai báo: hãy tải lên lại từ đầu.',
  too_many_files: 'Gửi quá nhiều tệp; tối đa {{limit}} tệp mỗi lần.',
};

const en: Record<MediaErrorCode, string> = {
  empty: 'The file is empty (0 bytes): choose the photo or video again.',
  too_large: 'The file is too large ({{size}} MB); at most {{limit}} MB for {{what}}.',
  unknown_type: 'Unrecognised file: only JPEG, PNG and WebP photos and MP4, MOV and WebM videos are accepted.',
  heif_not_supported:
    'HEIC/AVIF photos are not supported yet: set the camera to “Most compatible” (JPEG) or share the photo as JPEG.',
  polyglot:
    'The file carries data outside the photo or video (perhaps another file hidden inside), so it was refused. Save the photo again with a camera or gallery app and resend it.',
  truncated: 'The file is cut short (the upload did not finish, or the file is damaged): send it again.',
  corrupt: 'The file is damaged: its picture or video cannot be read.',
  too_many_pixels: 'The photo is too large ({{width}}×{{height}} pixels); at most {{limit}} megapixels.',
  video_too_long: 'The video is {{seconds}} seconds long; at most {{limit}} seconds.',
  codec_not_allowed: 'The video uses an unsupported compression format ({{codec}}).',
  hash_mismatch: 'What arrived does not match the declared SHA-256: upload the file again from the start.',
  too_many_files: 'Too many files; at most {{limit}} at a time.',
};

const WHAT = { vi: { image: 'ảnh', video: 'video' }, en: { image: 'photos', video: 'videos' } } as const;

export type MediaLanguage = 'vi' | 'en';

export function mediaErrorText(
  code: MediaErrorCode,
  params: Readonly<Record<string, string | number>>,
  language: MediaLanguage = 'vi',
): string {
  const template = (language === 'en' ? en : vi)[code];
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = params[name];
    if (name === 'what' && (value === 'image' || value === 'video')) return WHAT[language][value];
    return value === undefined ? '' : String(value);
  });
}

export type MediaMessageKey = `media_${MediaErrorCode}`;

/** The same texts keyed for the Open311 message tables (`media_<code>`), which interpolate parameters themselves. */
export function mediaTexts(language: MediaLanguage): Record<MediaMessageKey, string> {
  const table = language === 'en' ? en : vi;
  return Object.fromEntries(Object.entries(table).map(([code, text]) => [`media_${code}`, text])) as Record<
    MediaMessageKey,
    string
  >;
}

/** Parameters with the `what` word translated, for tables that only substitute. */
export function mediaParams(
  params: Readonly<Record<string, string | number>>,
  language: MediaLanguage,
): Record<string, string | number> {
  const what = params.what;
  return what === 'image' || what === 'video' ? { ...params, what: WHAT[language][what] } : { ...params };
}
