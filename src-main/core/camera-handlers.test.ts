import { describe, expect, it } from 'vitest';
import type { CameraService } from '../services/cameras';
import type { Principal } from '../services/auth';
import { cameraHandlers } from './camera-handlers';

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
