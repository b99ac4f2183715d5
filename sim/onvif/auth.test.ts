import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import type { SimCameraOptions } from './options';
import {
  challengesOf,
  digestAuthorization,
  envelope,
  httpCall,
  parseChallenge,
  soapCall,
  toSoapResult,
  usernameToken,
  type Credentials,
} from './testing/soap-client';
import { descend, textAt } from './soap/xml';

const CREDS: Credentials = { username: 'kythuat', password: 'Mật khẩu: ngã tư #5 ✓' };
const PROFILES = '<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>';
const TIME = '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>';
const HOUR = 3_600_000;

let camera: SimCamera | null = null;
afterEach(async () => {
  await camera?.dispose();
  camera = null;
});

async function start(
  options: Omit<SimCameraOptions, 'personality'> & { personality?: SimCameraOptions['personality'] },
) {
  camera = await startSimCamera({
    personality: 'hikvision',
    username: CREDS.username,
    password: CREDS.password,
    ...options,
  });
  return camera;
}

/** The device clock as the camera reports it, the way a client learns it before authenticating. */
async function deviceTime(cam: SimCamera): Promise<number> {
  const r = await soapCall(cam.url, TIME);
  const utc = descend(r.operation, 'SystemDateAndTime', 'UTCDateTime');
  const n = (path: string[]) => Number(textAt(utc, ...path));
  return Date.UTC(
    n(['Date', 'Year']),
    n(['Date', 'Month']) - 1,
    n(['Date', 'Day']),
    n(['Time', 'Hour']),
    n(['Time', 'Minute']),
    n(['Time', 'Second']),
  );
}

describe('HTTP Digest', () => {
  it('challenges, accepts the right UTF-8 password and refuses a wrong one with 401', async () => {
    const cam = await start({ auth: 'digest' });
    const bare = await soapCall(cam.url, PROFILES);
    expect(bare.status).toBe(401);
    const challenge = parseChallenge(challengesOf(bare)[0] ?? '');
    expect(challenge).toMatchObject({ qop: 'auth', algorithm: 'MD5' });
    expect(challenge.nonce).toBeTruthy();
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'digest' })).status).toBe(200);
    const wrong = await soapCall(cam.url, PROFILES, {
      credentials: { ...CREDS, password: 'mat khau' },
      auth: 'digest',
    });
    expect(wrong.status).toBe(401);
    expect(challengesOf(wrong)).toHaveLength(1);
    expect(cam.calls().map((c) => c.auth)).toContain('digest');
  });

  it('ignores a UsernameToken when set to Digest only', async () => {
    const cam = await start({ auth: 'digest' });
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse' })).status).toBe(401);
  });

  it('refuses a replayed nonce count and marks an expired nonce stale', async () => {
    const cam = await start({ auth: 'digest', nonceTtlMs: 150 });
    const first = await httpCall(cam.url, { method: 'POST', body: envelope(PROFILES) });
    const challenge = challengesOf(first)[0] ?? '';
    const authorization = digestAuthorization(challenge, CREDS, 'POST', new URL(cam.url).pathname, 1, 'abc');
    const send = () => httpCall(cam.url, { method: 'POST', body: envelope(PROFILES), headers: { authorization } });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(401); // same nc again
    const later = digestAuthorization(challenge, CREDS, 'POST', new URL(cam.url).pathname, 2, 'abc');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stale = await httpCall(cam.url, {
      method: 'POST',
      body: envelope(PROFILES),
      headers: { authorization: later },
    });
    expect(stale.status).toBe(401);
    expect(parseChallenge(challengesOf(stale)[0] ?? '').stale).toBe('true');
  });

  it('offers SHA-256 and MD5 challenges like Hikvision when asked, and accepts either', async () => {
    const cam = await start({ auth: 'digest', digestAlgorithms: ['SHA-256', 'MD5'] });
    const first = await httpCall(cam.url, { method: 'POST', body: envelope(PROFILES) });
    const challenges = challengesOf(first);
    expect(challenges.map((c) => parseChallenge(c).algorithm)).toEqual(['SHA-256', 'MD5']);
    for (const challenge of challenges) {
      const authorization = digestAuthorization(challenge, CREDS, 'POST', new URL(cam.url).pathname);
      expect(
        (await httpCall(cam.url, { method: 'POST', body: envelope(PROFILES), headers: { authorization } })).status,
      ).toBe(200);
    }
  });
});

describe('WS-Security UsernameToken', () => {
  it('accepts a PasswordDigest over a UTF-8 password and refuses a wrong one with ter:NotAuthorized', async () => {
    const cam = await start({ auth: 'wsse' });
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse' })).status).toBe(200);
    const wrong = await soapCall(cam.url, PROFILES, { credentials: { ...CREDS, password: 'Mat khau' }, auth: 'wsse' });
    expect(wrong.status).toBe(400);
    expect(wrong.fault?.subcodes).toEqual(['ter:NotAuthorized']);
    const none = await soapCall(cam.url, PROFILES);
    expect(none.fault?.subcodes).toEqual(['ter:NotAuthorized']);
  });

  it('refuses a reused nonce and a plain-text password', async () => {
    const cam = await start({ auth: 'wsse' });
    const nonce = Buffer.from('0123456789abcdef');
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse', wsseNonce: nonce })).status).toBe(
      200,
    );
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse', wsseNonce: nonce })).status).toBe(
      400,
    );
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse', passwordType: 'text' })).status).toBe(
      400,
    );
  });

  it('refuses a client whose clock is off until it builds Created from the device clock', async () => {
    const cam = await start({ auth: 'wsse', clockOffsetMs: HOUR });
    const naive = await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse' });
    expect(naive.fault?.subcodes).toEqual(['ter:NotAuthorized']);
    const offset = (await deviceTime(cam)) - Date.now();
    expect(Math.abs(offset - HOUR)).toBeLessThan(5_000);
    const corrected = await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse', createdOffsetMs: offset });
    expect(corrected.status).toBe(200);
    cam.setClockOffset(-2 * HOUR); // the camera's clock jumps (NTP, reboot): the old correction stops working
    expect(
      (await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse', createdOffsetMs: offset })).status,
    ).toBe(400);
  });
});

describe('auth: both, none, and the time quirk', () => {
  it('with both, takes either credential; challenges a bare request; refuses a lone bad token the WS way', async () => {
    const cam = await start({ auth: 'both' });
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse' })).status).toBe(200);
    expect((await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'digest' })).status).toBe(200);
    expect((await soapCall(cam.url, PROFILES)).status).toBe(401);
    const bad = await soapCall(cam.url, PROFILES, { credentials: { ...CREDS, password: 'x' }, auth: 'wsse' });
    expect(bad.fault?.subcodes).toEqual(['ter:NotAuthorized']);
  });

  it('answers everything with auth none', async () => {
    const cam = await start({ auth: 'none' });
    expect((await soapCall(cam.url, PROFILES)).status).toBe(200);
  });

  it('answers GetSystemDateAndTime without credentials, unless told to refuse it with an HTML 401 page', async () => {
    const open = await start({ auth: 'digest' });
    expect((await soapCall(open.url, TIME)).status).toBe(200);
    await open.dispose();
    const strict = await start({ auth: 'both', refuseUnauthenticatedTime: true });
    const refused = await soapCall(strict.url, TIME);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toBe('text/html');
    expect(refused.text).toContain('401 -- Unauthorized');
    expect(challengesOf(refused)).toHaveLength(1);
    expect((await soapCall(strict.url, TIME, { credentials: CREDS, auth: 'digest' })).status).toBe(200);
  });

  it('takes Basic as well as Digest for the snapshot', async () => {
    const cam = await start({ auth: 'wsse' });
    const basic = `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`, 'utf8').toString('base64')}`;
    expect((await httpCall(cam.snapshotUrl, { headers: { authorization: basic } })).status).toBe(200);
    const refused = await httpCall(cam.snapshotUrl);
    expect(refused.status).toBe(401);
    expect(refused.authenticate.some((h) => h.startsWith('Basic realm='))).toBe(true);
  });

  it('keeps a token that arrives with a wrong username out', async () => {
    const cam = await start({ auth: 'wsse' });
    const header = usernameToken({ username: 'admin', password: CREDS.password });
    const r = toSoapResult(await httpCall(cam.url, { method: 'POST', body: envelope(PROFILES, header) }));
    expect(r.fault?.subcodes).toEqual(['ter:NotAuthorized']);
  });

  it('never writes the password or Authorization values into its log', async () => {
    const lines: string[] = [];
    const cam = await start({ auth: 'both', log: (line) => lines.push(line) });
    await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'digest' });
    await soapCall(cam.url, PROFILES, { credentials: CREDS, auth: 'wsse' });
    await soapCall(cam.url, PROFILES, { credentials: { ...CREDS, password: 'sai mật khẩu' }, auth: 'wsse' });
    await httpCall(cam.snapshotUrl);
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain(CREDS.password);
    expect(all).not.toContain('sai mật khẩu');
    expect(all).not.toMatch(/Digest username|response=/);
  });
});
