import { describe, expect, it } from 'vitest';
import type { CameraService } from '../services/cameras';
import type { Principal } from '../services/auth';
import { cameraHandlers } from './camera-handlers';
import { createDispatcher } from './dispatch';
import type { Handlers } from './handlers';
import { silentLogger } from './logger';
import { createMetrics } from './metrics';

const technician: Principal = {
  userId: 't',
  username: 'technician',
  displayName: 'T',
  roles: ['technician'],
  sites: ['*'],
  siteId: null,
  sessionId: 's',
};

describe('cameras.update', () => {
  it('tells the live streams when the credentials changed, and only then', async () => {
    const restarted: string[] = [];
    const cameras = {
      get: async (id: string) => ({ id, siteId: null }),
      update: async (input: { id: string }) => ({ id: input.id }),
    } as unknown as CameraService;
    const handlers = cameraHandlers({ cameras, onCredentialsChanged: (id) => restarted.push(id) });
    const ctx = { principal: technician, connection: null };
    await handlers['cameras.update']({ id: 'c1', name: 'Cổng chính' }, ctx);
    expect(restarted).toEqual([]);
    await handlers['cameras.update']({ id: 'c1', password: 'mới' }, ctx);
    await handlers['cameras.update']({ id: 'c2', username: 'admin2' }, ctx);
    expect(restarted).toEqual(['c1', 'c2']);
  });
});

describe('cameras.trustCertificate', () => {
  const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');

  it('is for technicians only (operators are refused), and restarts the camera’s live streams once trusted', async () => {
    const restarted: string[] = [];
    const trusted: string[] = [];
    const cameras = {
      get: async (id: string) => ({ id, siteId: null }),
      trustCertificate: async (id: string, sha256: string) => {
        trusted.push(`${id} ${sha256}`);
        return {
          cameraId: id,
          tls: true,
          state: 'trusted',
          pinnedSha256: sha256,
          pinnedAt: 'now',
          seenSha256: null,
          seenAt: null,
        };
      },
    } as unknown as CameraService;
    const handlers = cameraHandlers({ cameras, onCredentialsChanged: (id) => restarted.push(id) });
    const dispatch = createDispatcher(handlers as unknown as Handlers, {
      logger: silentLogger,
      metrics: createMetrics(),
    });
    const operator: Principal = { ...technician, userId: 'o', roles: ['operator'] };

    const refused = await dispatch('cameras.trustCertificate', { id: 'c1', fingerprint }, operator);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await dispatch('cameras.trustCertificate', { id: 'c1', fingerprint: 'ab:cd' }, technician);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(trusted).toEqual([]);

    const ok = await dispatch('cameras.trustCertificate', { id: 'c1', fingerprint }, technician);
    expect(ok).toMatchObject({ ok: true, value: { state: 'trusted', pinnedSha256: fingerprint } });
    expect(trusted).toEqual([`c1 ${fingerprint}`]);
    expect(restarted).toEqual(['c1']);
  });
});
