import type { Messages } from './vi';

export const en: Messages = {
  app: {
    name: 'IOC Wall',
    centre: 'Smart Operations Monitoring Centre',
  },
  errors: {
    invalid_input: 'Invalid input',
    unauthenticated: 'Not signed in, or the session has expired',
    forbidden: 'You do not have permission to do this',
    not_found: 'Not found',
    unknown_command: 'Unknown command',
    conflict: 'Data conflict',
    payload_too_large: 'The data sent is too large',
    rate_limited: 'Too many requests, please try again later',
    internal: 'System error',
    unavailable: 'Service temporarily unavailable',
    network: 'Cannot reach the server',
  },
};
