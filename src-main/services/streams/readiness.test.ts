import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { probeInterval, probeTargetOf, tcpAccepts, watchForReturn, type ReadinessProbe } from './readiness';

/** A probe that answers from a script (then repeats its last answer) and records every call. */
function scripted(answers: boolean[]) {
  const calls: number[] = [];
  const probe: ReadinessProbe = async () => {
    calls.push(Date.now());
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  };
  return { probe, calls };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(2);
}

const base = { target: { host: '127.0.0.1', port: 1 }, waitMs: 80, minIntervalMs: 5, maxIntervalMs: 50 };

describe('readiness probe', () => {
  it('takes only host and port from the stream URL, with RTSP default ports', () => {
    expect(probeTargetOf('rtsp://10.0.0.5:8554/Streaming/101')).toEqual({ host: '10.0.0.5', port: 8554 });
    expect(probeTargetOf('rtsp://cam.local/x')).toEqual({ host: 'cam.local', port: 554 });
    expect(probeTargetOf('rtsps://[fe80::1]/x')).toEqual({ host: 'fe80::1', port: 322 });
    expect(probeTargetOf('rtsp://user:secret@10.0.0.5/x')).toEqual({ host: '10.0.0.5', port: 554 });
    expect(probeTargetOf('http://10.0.0.5/x')).toBeNull();
    expect(probeTargetOf('not a url')).toBeNull();
  });

  it('spaces probes so that a long backoff gets a few of them, within bounds', () => {
    expect(probeInterval(1000, 500, 5000)).toBe(500);
    expect(probeInterval(12_000, 500, 5000)).toBe(500);
    expect(probeInterval(60_000, 500, 5000)).toBe(2500);
    expect(probeInterval(600_000, 500, 5000)).toBe(5000);
  });

  it('calls back once the port accepts after having refused', async () => {
    const { probe, calls } = scripted([false, false, true]);
    let returned = 0;
    const watch = watchForReturn({
      ...base,
      probe,
      downAlready: false,
      watched: () => true,
      onReturn: () => returned++,
    });
    await until(() => calls.length > 0);
    expect(watch.portClosed()).toBe(true);
    await until(() => returned > 0);
    await sleep(30);
    watch.stop();
    expect(calls).toHaveLength(3);
    expect(returned).toBe(1);
    expect(watch.portClosed()).toBe(false);
  });

  it('returns at the first accepting probe when the failed attempt already found the port closed', async () => {
    const { probe, calls } = scripted([true]);
    let returned = 0;
    watchForReturn({ ...base, probe, downAlready: true, watched: () => true, onReturn: () => returned++ });
    await until(() => returned > 0);
    expect(calls).toHaveLength(1);
  });

  it('keeps the backoff when the port accepts all along (the failure was not the camera being away)', async () => {
    const { probe, calls } = scripted([true]);
    let returned = 0;
    const watch = watchForReturn({
      ...base,
      probe,
      downAlready: false,
      watched: () => true,
      onReturn: () => returned++,
    });
    expect(watch.portClosed()).toBe(false);
    await until(() => calls.length >= 5);
    watch.stop();
    expect(returned).toBe(0);
    expect(watch.portClosed()).toBe(false);
  });

  it('probes nothing while nobody watches, and nothing after stop', async () => {
    const { probe, calls } = scripted([false]);
    let watched = false;
    const watch = watchForReturn({ ...base, probe, downAlready: false, watched: () => watched, onReturn: () => {} });
    await sleep(60);
    expect(calls).toHaveLength(0);
    watched = true;
    await until(() => calls.length >= 2);
    watch.stop();
    const count = calls.length;
    await sleep(60);
    expect(calls).toHaveLength(count);
  });

  it('connects over real TCP: true while a server listens, false once it is gone', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await tcpAccepts({ host: '127.0.0.1', port }, 1000)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await tcpAccepts({ host: '127.0.0.1', port }, 1000)).toBe(false);
  });
});
