import type { ContractError, ErrorCode } from '../../src-shared/contract';

/** Contract error codes plus the two failures only a client can observe. */
export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

export interface ClientError {
  code: ClientErrorCode;
  message: string;
  issues?: ContractError['issues'];
  /** The core's machine-readable reason for a refusal, to say it in the user's language. */
  reason?: ContractError['reason'];
  /** HTTP status when the error came from an HTTP reply. */
  status?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ClientError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(code: ClientErrorCode, message: string, extra: Partial<ClientError> = {}): Result<T> {
  return { ok: false, error: { ...extra, code, message } };
}
