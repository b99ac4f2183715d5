import { resolve } from 'node:path';

export type MqttTarget = { kind: 'embedded' } | { kind: 'external'; url: string } | { kind: 'off' };

export interface IngestConfig {
  /** IOC_MQTT_URL: `embedded` (default: an aedes broker on 127.0.0.1, random port), `off`, or mqtt(s)://… */
  mqtt: MqttTarget;
  /** IOC_MQTT_TOPIC: what the server subscribes to (default ioc/ngsi-ld/#). */
  mqttTopic: string | null;
  /** IOC_INGEST_KEY: sensors' bearer token over HTTP and MQTT password; ≥ 16 characters. */
  ingestKey: string | null;
  /** IOC_MONITORS_FILE: the uptime monitors (JSON, probes/monitors.ts); none when absent. */
  monitorsFile: string | null;
  /** IOC_CAMERA_MOTION_QUIET_S: a camera's motion alert clears after this long without motion (default 120 s). */
  cameraMotionQuietMs: number;
}

function motionQuietMs(raw: string | undefined, fail: (message: string) => Error): number {
  if (raw === undefined || raw.trim() === '') return 120_000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
    throw fail('IOC_CAMERA_MOTION_QUIET_S must be a whole number of seconds from 1 to 86400.');
  return seconds * 1000;
}

/** Read from the environment only: the broker URL may carry a password, and argv is world-readable. */
export function parseIngestConfig(env: NodeJS.ProcessEnv, fail: (message: string) => Error): IngestConfig {
  const raw = env.IOC_MQTT_URL?.trim() || 'embedded';
  let mqtt: MqttTarget;
  if (raw === 'embedded') mqtt = { kind: 'embedded' };
  else if (raw === 'off') mqtt = { kind: 'off' };
  else if (/^(mqtts?|wss?|tcp|ssl):\/\/[^\s]+$/.test(raw)) mqtt = { kind: 'external', url: raw };
  else throw fail('IOC_MQTT_URL must be embedded, off, or an mqtt:// or mqtts:// URL.');
  const ingestKey = env.IOC_INGEST_KEY?.trim() || null;
  if (ingestKey !== null && ingestKey.length < 16) throw fail('IOC_INGEST_KEY must be at least 16 characters long.');
  return {
    mqtt,
    mqttTopic: env.IOC_MQTT_TOPIC?.trim() || null,
    ingestKey,
    monitorsFile: env.IOC_MONITORS_FILE ? resolve(env.IOC_MONITORS_FILE) : null,
    cameraMotionQuietMs: motionQuietMs(env.IOC_CAMERA_MOTION_QUIET_S, fail),
  };
}
