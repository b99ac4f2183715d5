import { describe, expect, it } from 'vitest';
import type { Principal } from '../services/auth';
import type { CameraService } from '../services/cameras';
import type { CasesService } from '../services/cases';
import { caseCreateHandlers } from './case-create-handlers';

const operator: Principal = {
  userId: 'o',
  username: 'operator',
  displayName: 'O',
  roles: ['operator'],
  sites: ['*'],
  siteId: null,
  sessionId: 's',
};

describe('case.create from a camera', () => {
  it('takes the camera’s site only when this workstation knows it', async () => {
    const created: Record<string, unknown>[] = [];
    const cases = {
      create: (fields: Record<string, unknown>) => {
        created.push(fields);
        return { caseId: 'k', seq: created.length, pending: 1 };
      },
      knownSite: (id: string) => id === 'cao-lanh',
    } as unknown as CasesService;
    const siteOf: Record<string, string> = { c1: 'cao-lanh', c2: 'site-chua-dong-bo' };
    const cameras = {
      get: async (id: string) => ({ id, name: id, siteId: siteOf[id] ?? null, location: null }),
      snapshot: async () => {
        throw new Error('offline');
      },
    } as unknown as CameraService;
    const handlers = caseCreateHandlers({ cases, cameras });
    const ctx = { principal: operator, connection: null };
    const input = { serviceCode: 'traffic', description: 'Ùn tắc' };
    await handlers['case.create']({ ...input, snapshotCameraId: 'c1' }, ctx);
    const reply = await handlers['case.create']({ ...input, snapshotCameraId: 'c2' }, ctx);
    expect(created[0]).toMatchObject({ siteId: 'cao-lanh', cameraId: 'c1' });
    expect(created[1]).toMatchObject({ cameraId: 'c2' });
    expect(created[1]).not.toHaveProperty('siteId');
    expect(reply).toMatchObject({ snapshot: 'failed', snapshotError: 'offline' });
  });
});
