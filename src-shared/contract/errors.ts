/** Error codes every reply may carry, and the HTTP status each maps to on /api/rpc. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_command: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Which input fields were wrong, for invalid_input. */
  issues?: { path: string; message: string }[];
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by handlers to reply with a specific code instead of `internal`. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
