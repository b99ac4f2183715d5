import { describe, expect, it } from 'vitest';
import { CommandError, type Role } from '../../src-shared/contract';
import type { Principal } from '../services/auth';
import type { StreamsService } from '../services/streams';
import type { CallConnection } from './handlers';
import { guardedStreamHandlers } from './stream-handlers';

const principal = (roles: Role[], sites: string[]): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  roles,
  sites,
  siteId: null,
  sessionId: 's',
});
const connection: CallConnection = {
  id: 'c1',
  sendBinary: () => undefined,
  bufferedAmount: () => 0,
  onClose: () => () => undefined,
};

function setup() {
  const opened: string[] = [];
  const streams = {
    open: async (input: { cameraId: string }) => {
      opened.push(input.cameraId);
      return { channel: 1, mime: 'video/mp4', transcoded: false, codec: 'H264', state: 'playing' };
    },
  } as unknown as StreamsService;
  const cameras = {
    get: async (id: string) =>
      id === 'sa-dec-1' ? { id, siteId: 'sa-dec' } : id === 'any-1' ? { id, siteId: null } : null,
  };
  return { opened, handlers: guardedStreamHandlers(streams, cameras) };
}

describe('streams.open site check', () => {
  it('refuses a camera of a site the caller may not act on, before any ffmpeg starts', async () => {
    const { opened, handlers } = setup();
    const open = handlers['streams.open'](
      { cameraId: 'sa-dec-1', profile: 'sub' },
      { principal: principal(['operator'], ['cao-lanh']), connection },
    );
    await expect(open).rejects.toMatchObject({ code: 'forbidden' });
    expect(opened).toEqual([]);
  });
  it('answers not_found for an unknown camera and lets permitted callers through', async () => {
    const { opened, handlers } = setup();
    await expect(
      handlers['streams.open'](
        { cameraId: 'nope', profile: 'sub' },
        { principal: principal(['operator'], ['*']), connection },
      ),
    ).rejects.toBeInstanceOf(CommandError);
    await handlers['streams.open'](
      { cameraId: 'sa-dec-1', profile: 'main' },
      { principal: principal(['operator'], ['sa-dec']), connection },
    );
    await handlers['streams.open'](
      { cameraId: 'any-1', profile: 'main' },
      { principal: principal(['operator'], ['cao-lanh']), connection },
    );
    expect(opened).toEqual(['sa-dec-1', 'any-1']);
  });
});
