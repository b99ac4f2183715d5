import type { MessageKey } from './messages';

export interface ErrorItem {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** The code in the body; the spec lets it be more specific than the HTTP status. */
  code?: number;
}

/**
 * An Open311 error: HTTP 404 for what does not exist, 403 for a wrong or missing api_key, 413 for an oversized
 * body, 400 for everything else. The body is the spec's `[{code, description}]`, possibly several at once.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    readonly items: readonly ErrorItem[],
  ) {
    super(items.map((i) => i.key).join(', '));
    this.name = 'Open311Error';
  }
}

export function fail(status: 400 | 403 | 404 | 413, key: MessageKey, params?: Record<string, string | number>): never {
  throw new Open311Error(status, [{ key, params }]);
}
