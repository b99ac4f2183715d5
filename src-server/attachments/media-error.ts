/** Why a file was refused; each has a text in messages.ts that tells the sender what to do. */
export type MediaErrorCode =
  | 'empty'
  | 'too_large'
  | 'unknown_type'
  | 'heif_not_supported'
  | 'polyglot'
  | 'truncated'
  | 'corrupt'
  | 'too_many_pixels'
  | 'video_too_long'
  | 'codec_not_allowed'
  | 'hash_mismatch'
  | 'too_many_files';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`media refused: ${code}`);
  }
}
