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
  /** Why the command was refused, for the client to say in the user's language (`message` stays English). */
  reason?: RefusalReason;
}

/** Something on this workstation that uses a layout or tour: a display by id, or a tour by name. */
export type InUseBy = { kind: 'display'; id: string } | { kind: 'tour'; name: string };

/** Machine-readable refusals; a client that does not know a reason falls back to `code` and `message`. */
export type RefusalReason = {
  kind: 'in_use';
  /** What the command would have removed. */
  item: 'layout' | 'tour';
  name: string;
  users: InUseBy[];
};

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by handlers to reply with a specific code instead of `internal`. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
