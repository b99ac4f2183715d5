import { createConnection } from 'node:net';

export const MOSQUITTO_URL = process.env.IOC_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const REQUIRED = process.env.IOC_REQUIRE_SERVICES === '1';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 1883) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** null when Mosquitto answers on 127.0.0.1:1883; otherwise why the Mosquitto half is skipped (or fails in CI). */
export const MOSQUITTO_PROBLEM = (await reachable(MOSQUITTO_URL)) ? null : `no MQTT broker at ${MOSQUITTO_URL}`;
if (MOSQUITTO_PROBLEM !== null && !REQUIRED) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! ${MOSQUITTO_PROBLEM}: the Mosquitto half of the MQTT ingest tests is SKIPPED.\n` +
      `!! Set IOC_REQUIRE_SERVICES=1 to fail instead.\n${'!'.repeat(78)}\n`,
  );
}
export const MOSQUITTO_REQUIRED = REQUIRED;
