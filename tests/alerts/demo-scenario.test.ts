// Issue 6 §6: the demo's sensors (sim/sensors/scenario.ts, played by `npm start` through sim/sensors/demo-cli.ts)
// must make the alerts the demo promises — a flood gauge rising past its alert level and falling back, a waste
// container filling and being emptied, a lamp failing and being repaired, a Wi-Fi access point dropping — through
// the real central server and its threshold rules; and the government systems' schedule must take each of them
// down, slow or silent once a cycle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPageSchema } from '../../src-shared/contract/alerts';
import { DEMO_CYCLE_S, DEMO_SCHEDULE, modesAt } from '../../sim/gov-systems/schedule';
import { createPublisher, type Publisher } from '../../sim/sensors';
import { demoReadings, floodLevelAt } from '../../sim/sensors/scenario';
import { type AlertsServer, call, INGEST_KEY, startAlertsServer } from './harness';

/** A short cycle: the same shapes as the demo's 120 steps, in 40. */
const PERIOD = 40;

describe('the demo scenario through the central server', () => {
  let s: AlertsServer;
  let sensors: Publisher;
  /** Per step: `<type> <source> <severity>` of every active alert. */
  const timeline: string[][] = [];

  beforeAll(async () => {
    s = await startAlertsServer('sqlite');
    sensors = await createPublisher({ httpUrl: s.url, key: INGEST_KEY });
    // Readings one second apart, ending now: in order and never in the future.
    const start = Date.now() - PERIOD * 1000;
    for (let step = 0; step < PERIOD; step++) {
      await sensors.publish(demoReadings(step, new Date(start + step * 1000), PERIOD), 'http');
      await s.server.alerts.pipeline.drain();
      await s.server.alerts.engine.drain();
      const page = AlertPageSchema.parse(
        (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
      );
      timeline.push(
        page.alerts
          .filter((a) => a.state === 'active')
          .map((a) => `${a.type} ${a.sourceId.split(':').pop()} ${a.severity}`)
          .sort(),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await sensors?.dispose();
    await s?.stop();
  });

  /** The steps at which an alert matching `pattern` was active. */
  const activeAt = (pattern: RegExp) =>
    timeline.flatMap((alerts, step) => (alerts.some((a) => pattern.test(a)) ? [step] : []));

  it('raises the gauge past its alert level, then its danger level, and clears it when the level falls', () => {
    const major = activeAt(/^flood\.level cl-nguyen-hue major$/);
    const critical = activeAt(/^flood\.level cl-nguyen-hue critical$/);
    expect(major.length).toBeGreaterThan(0);
    expect(critical.length).toBeGreaterThan(0);
    // Major before critical; nothing while the level was below 1.5 m; cleared by the end of the cycle.
    expect(Math.min(...major)).toBeLessThan(Math.min(...critical));
    for (const step of [...major, ...critical]) expect(floodLevelAt(step, PERIOD)).toBeGreaterThan(1.45);
    expect(activeAt(/^flood\.level cl-nguyen-hue/)).not.toContain(0);
    expect(timeline.at(-1)!.some((a) => a.startsWith('flood.level cl-nguyen-hue'))).toBe(false);
    // The second gauge runs a third of a cycle later: it too crosses its alert level.
    expect(activeAt(/^flood\.level cl-dinh-trung/).length).toBeGreaterThan(0);
  });

  it('raises the container as it fills and clears it once it is emptied', () => {
    const full = activeAt(/^waste\.fill cl-cho-01 /);
    expect(full.length).toBeGreaterThan(0);
    // Filled over 20 steps, emptied at step 20: active before that, gone just after.
    expect(full.some((step) => step < PERIOD / 2)).toBe(true);
    expect(full).not.toContain(PERIOD / 2);
    expect(activeAt(/^waste\.fill cl-cho-01 major$/).length).toBeGreaterThan(0);
  });

  it('raises the failing lamp for as long as it is broken, and the access point when it drops', () => {
    const lamp = activeAt(/^light\.fault cl-ltk-12 major$/);
    expect(lamp).toEqual(Array.from({ length: 12 }, (_, i) => 16 + i));
    const wifi = activeAt(/^wifi\.ap_down cl-van-mieu major$/);
    expect(wifi).toEqual(Array.from({ length: PERIOD - 34 }, (_, i) => 34 + i));
  });

  it('keeps the water station within its limits: the demo raises nothing there', () => {
    expect(activeAt(/cl-p1/)).toEqual([]);
  });
});

describe('the government systems’ demo schedule', () => {
  it('takes each system down, slow or silent once a cycle and brings it back', () => {
    const seen = new Map<string, Set<string>>();
    for (let t = 0; t < DEMO_CYCLE_S; t += 5)
      for (const [system, mode] of modesAt(t)) seen.set(system, (seen.get(system) ?? new Set()).add(mode));
    expect(Object.fromEntries([...seen].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      idesk: ['down', 'up'],
      web: ['slow', 'up'],
      mail: ['down', 'up'],
      vc: ['silent', 'up'],
    });
    // The cycle repeats, and every entry ends before it does.
    expect(modesAt(130).get('idesk')).toBe('down');
    expect(modesAt(DEMO_CYCLE_S + 130).get('idesk')).toBe('down');
    for (const e of DEMO_SCHEDULE) expect(e.toS).toBeLessThanOrEqual(DEMO_CYCLE_S);
  });
});
