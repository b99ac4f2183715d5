import { CommandError } from '../../../src-shared/contract';
import { CameraError } from './errors';

/**
 * A camera failure as a contract error. `credentialsFromUser`: the user just typed the password
 * (cameras.add), so a refusal is their input being wrong rather than the camera being unavailable.
 */
export function toCommandError(error: unknown, credentialsFromUser = false): unknown {
  if (!(error instanceof CameraError)) return error;
  switch (error.kind) {
    case 'auth_failed':
      return credentialsFromUser
        ? new CommandError('invalid_input', `The camera refused the username or password. (${error.message})`)
        : new CommandError('unavailable', `The camera refused the stored credentials. (${error.message})`);
    case 'unsupported':
      return new CommandError('invalid_input', `The camera does not support this. (${error.message})`);
    case 'not_found':
      return new CommandError('not_found', error.message);
    case 'timeout':
      return new CommandError('unavailable', `The camera did not answer in time. (${error.message})`);
    default:
      return new CommandError('unavailable', `The camera could not be reached or answered wrongly. (${error.message})`);
  }
}

/** Runs a camera operation, turning camera failures into contract errors. */
export async function asCommand<T>(operation: () => Promise<T>, credentialsFromUser = false): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toCommandError(error, credentialsFromUser);
  }
}
