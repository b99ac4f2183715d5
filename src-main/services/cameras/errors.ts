import type { CameraStatus } from '../../../src-shared/contract';
import type { SoapFault } from './xml/parse';

/**
 * Why talking to a camera failed, in the terms the operator acts on. Messages name the step and the
 * camera's own reason but never a credential.
 */
export type CameraFailure =
  | 'auth_failed'
  | 'unreachable'
  | 'timeout'
  | 'unsupported'
  | 'bad_response'
  | 'not_found'
  | 'disposed';

export class CameraError extends Error {
  constructor(
    readonly kind: CameraFailure,
    message: string,
    readonly fault: SoapFault | null = null,
    /** The HTTP Date header of the refusing answer: the camera's clock when GetSystemDateAndTime is refused. */
    readonly httpDate: Date | null = null,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

export function isCameraError(error: unknown, kind?: CameraFailure): error is CameraError {
  return error instanceof CameraError && (kind === undefined || error.kind === kind);
}

/** The status a failure puts a camera in. */
export function statusOf(error: unknown): CameraStatus {
  if (!(error instanceof CameraError)) return 'unknown';
  switch (error.kind) {
    case 'auth_failed':
      return 'auth_failed';
    case 'unreachable':
    case 'timeout':
      return 'unreachable';
    case 'unsupported':
    case 'bad_response':
      return 'unsupported';
    default:
      return 'unknown';
  }
}

const NOT_AUTHORIZED = /not ?authori[sz]ed|unauthori[sz]ed|authority failure|failedauthentication|time check failed/i;

/** Whether a SOAP fault says the credentials (or their timestamp) were refused. */
export function isAuthFault(fault: SoapFault | null): boolean {
  if (!fault) return false;
  return [fault.code, ...fault.subcodes, fault.reason].some((s) => NOT_AUTHORIZED.test(s));
}

/** Whether a SOAP fault says the camera does not implement the operation. */
export function isUnsupportedFault(fault: SoapFault | null): boolean {
  if (!fault) return false;
  return [...fault.subcodes, fault.reason].some((s) =>
    /ActionNotSupported|NotSupported|NoSuchService|not implemented|InvalidAction|UnknownAction/i.test(s),
  );
}
