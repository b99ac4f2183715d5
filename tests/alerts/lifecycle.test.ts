import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startGovSystems, startHeartbeat } from '../../sim/gov-systems';
import { createPublisher, floodMonitoring, PLACES } from '../../sim/sensors';
import { portRefuses } from '../integration/port-refuses';
import { makeTempDir } from '../integration/tmp-dir';
import { INGEST_KEY, startAlertsServer } from './harness';

/** Timers, servers and sockets this process holds, by kind (Node's own accounting). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

it(
  'leaves nothing running: broker, probes, batch timers, sensors and simulated systems all stop',
  { timeout: 60_000 },
  async () => {
    const baseline = resources();
    const temp = makeTempDir('ioc-life-');
    const gov = await startGovSystems({ dir: temp.dir });
    const monitors = join(temp.dir, 'monitors.json');
    writeFileSync(monitors, JSON.stringify(gov.monitors({ intervalS: 1, downAfter: 2 })));
    const s = await startAlertsServer('sqlite', { env: { IOC_MQTT_URL: 'embedded', IOC_MONITORS_FILE: monitors } });
    const heartbeat = startHeartbeat(s.url, gov.heartbeatToken, 300);
    await s.server.alerts.mqtt!.ready();
    const sensors = await createPublisher({ mqttUrl: s.server.alerts.mqttUrl!, httpUrl: s.url, key: INGEST_KEY });
    await sensors.publish([floodMonitoring('life-1', PLACES.gauge, 1.9, new Date())], 'mqtt');
    await sensors.publish([floodMonitoring('life-2', PLACES.gauge2, 1.9, new Date())], 'http');
    await new Promise((r) => setTimeout(r, 1500));
    const brokerPort = Number(new URL(s.server.alerts.mqttUrl!).port);
    const dvcPort = gov.systems.dvc.port;

    heartbeat.dispose();
    await sensors.dispose();
    await s.stop();
    await gov.dispose();
    temp.remove();

    expect(await portRefuses(brokerPort)).toBe(true);
    expect(await portRefuses(dvcPort)).toBe(true);
    // Sockets close a moment after their last byte: give them that moment, then nothing extra may be left.
    await expect
      .poll(
        () => {
          const now = resources();
          return ['Timeout', 'TCPServerWrap', 'TCPSocketWrap', 'Immediate'].filter(
            (k) => (now[k] ?? 0) > (baseline[k] ?? 0),
          );
        },
        { timeout: 20_000, interval: 200 },
      )
      .toEqual([]);
  },
);
