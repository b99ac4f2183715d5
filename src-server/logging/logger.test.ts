import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { redact } from '../../src-shared/domain/redact';

describe('server log redaction', () => {
  it('removes passwords from database URLs, API keys from bodies and queries, bearer tokens', () => {
    expect(redact('postgres://ioc:s3cret@127.0.0.1/ioc')).toBe('postgres://***:***@127.0.0.1/ioc');
    expect(redact('api_key=abc123&service_code=water')).toBe('api_key=***&service_code=water');
    expect(redact('{"api_key":"abc123","x":1}')).toBe('{"api_key":"***","x":1}');
    expect(redact('Authorization: Bearer abc.def')).not.toContain('abc.def');
  });

  it('applies to every line the logger writes', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.info('request', { url: '/open311/v2/requests.json?api_key=topsecret' });
    expect(lines.join('\n')).not.toContain('topsecret');
  });
});
