import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraCertificate } from '../../../src-shared/contract';
import { createAuditLog } from '../audit';
import { openStore, type Store } from '../store';
import { createCameraCertificates } from './certificates';
import { createTlsPinStore } from './tls-pins';

const fp = (byte: number) =>
  Array.from({ length: 32 }, () => byte.toString(16).toUpperCase().padStart(2, '0')).join(':');
const CAMERA_CERT = fp(0xab);
const OTHER_CERT = fp(0x3c);

const opened: { store: Store; dir: string }[] = [];
afterEach(() => {
  for (const { store, dir } of opened.splice(0)) {
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-pins-'));
  const store = openStore({ path: join(dir, 'ioc.sqlite') });
  opened.push({ store, dir });
  store.sqlite
    .prepare(
      `INSERT INTO cameras (id, name, name_folded, host, port, username, secret_id, added_at, updated_at)
       VALUES ('cam-1', 'Cổng chợ', 'cong cho', 'cam.local', 80, 'admin', NULL, 'now', 'now')`,
    )
    .run();
  const warnings: string[] = [];
  const published: [string, CameraCertificate][] = [];
  const certificates = createCameraCertificates({
    pins: createTlsPinStore(store.sqlite),
    audit: createAuditLog(store),
    logger: { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} },
    now: () => new Date('2026-11-28T01:00:00.000Z'),
    publish: (event, payload) => void published.push([event, payload as CameraCertificate]),
  });
  const audit = () =>
    store.sqlite.prepare('SELECT user_id, action, subject, detail FROM audit_log ORDER BY id').all() as {
      user_id: string | null;
      action: string;
      subject: string;
      detail: string;
    }[];
  return { certificates, audit, warnings, published };
}

describe('rtsps certificate pins', () => {
  it('records the first certificate as pending (audited once), and a technician trusts exactly that one', () => {
    const { certificates, audit } = setup();
    expect(certificates.get('cam-1', true)).toMatchObject({ state: 'none', pinnedSha256: null, seenSha256: null });
    const source = certificates.forSource('cam-1');
    expect(source.pinnedSha256).toBeNull();
    source.refused(CAMERA_CERT, 'untrusted');
    source.refused(CAMERA_CERT, 'untrusted');
    expect(certificates.get('cam-1', true)).toMatchObject({ state: 'pending', seenSha256: CAMERA_CERT });
    expect(audit().map((a) => a.action)).toEqual(['cameras.certificate_seen']);

    expect(() => certificates.trust('cam-1', true, OTHER_CERT, { userId: 'tech-1' })).toThrow(/another certificate/);
    const trusted = certificates.trust('cam-1', true, CAMERA_CERT, { userId: 'tech-1' });
    expect(trusted).toMatchObject({ state: 'trusted', pinnedSha256: CAMERA_CERT, seenSha256: null });
    expect(certificates.forSource('cam-1').pinnedSha256).toBe(CAMERA_CERT);
    expect(audit().at(-1)).toMatchObject({ user_id: 'tech-1', action: 'cameras.trust_certificate', subject: 'cam-1' });
  });

  it('makes a changed certificate a clear state and an audit entry; trusting it again needs the new fingerprint', () => {
    const { certificates, audit, warnings } = setup();
    certificates.forSource('cam-1').refused(CAMERA_CERT, 'untrusted');
    certificates.trust('cam-1', true, CAMERA_CERT, { userId: 'tech-1' });
    certificates.forSource('cam-1').refused(OTHER_CERT, 'changed');
    expect(certificates.get('cam-1', true)).toMatchObject({
      state: 'changed',
      pinnedSha256: CAMERA_CERT,
      seenSha256: OTHER_CERT,
    });
    expect(audit().at(-1)).toMatchObject({ action: 'cameras.certificate_changed', user_id: null });
    expect(JSON.parse(audit().at(-1)!.detail)).toEqual({ seenSha256: OTHER_CERT, pinnedSha256: CAMERA_CERT });
    expect(warnings.at(-1)).toMatch(/changed/);
    expect(certificates.forSource('cam-1').pinnedSha256).toBe(CAMERA_CERT);
    expect(() => certificates.trust('cam-1', true, CAMERA_CERT, { userId: 'tech-1' })).toThrow(/another certificate/);
    expect(certificates.trust('cam-1', true, OTHER_CERT, { userId: 'tech-2' })).toMatchObject({
      state: 'trusted',
      pinnedSha256: OTHER_CERT,
    });
  });

  it('has nothing to trust before the camera presented a certificate', () => {
    const { certificates } = setup();
    expect(() => certificates.trust('cam-1', true, CAMERA_CERT, { userId: 'tech-1' })).toThrow(/not presented/);
  });

  it('lists the cameras waiting for a technician (pending or changed) and announces each new refusal and trust', () => {
    const { certificates, published } = setup();
    expect(certificates.awaiting()).toEqual([]);
    certificates.forSource('cam-1').refused(CAMERA_CERT, 'untrusted');
    certificates.forSource('cam-1').refused(CAMERA_CERT, 'untrusted'); // the same certificate again: no news
    expect(certificates.awaiting().map((c) => [c.cameraId, c.state, c.tls])).toEqual([['cam-1', 'pending', true]]);
    expect(published.map(([event, c]) => [event, c.state])).toEqual([['camera.certificate', 'pending']]);

    certificates.trust('cam-1', true, CAMERA_CERT, { userId: 'tech-1' });
    expect(certificates.awaiting()).toEqual([]);
    certificates.forSource('cam-1').refused(OTHER_CERT, 'changed');
    expect(certificates.awaiting().map((c) => [c.cameraId, c.state, c.seenSha256])).toEqual([
      ['cam-1', 'changed', OTHER_CERT],
    ]);
    expect(published.map(([, c]) => c.state)).toEqual(['pending', 'trusted', 'changed']);
  });
});
