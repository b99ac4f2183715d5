import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../logging/logger';
import type { IngestAdapter } from './adapter';
import { problem, problemBody, type RejectReason } from './ngsi/problem';
import type { IngestSink } from './pipeline';

export const MQTT_ADAPTER = 'ngsi-ld-mqtt';
/** The same limit as over HTTP: a 10 MB message is counted and dropped, the connection stays up. */
export const MQTT_MAX_PAYLOAD = 1024 * 1024;
export const DEFAULT_TOPIC = 'ioc/ngsi-ld/#';
/** Where a refused message's ProblemDetails is published, so a device's maker can see why. */
export const ERROR_TOPIC = 'ioc/ingest-errors';
const MAX_ERROR_REPORTS_PER_S = 20;

export interface MqttAdapterOptions {
  url: string;
  topic?: string;
  username?: string;
  password?: string;
  clientId?: string;
  logger: Logger;
}

export interface MqttAdapter extends IngestAdapter {
  /** Resolves once connected and subscribed (the first time). */
  ready(): Promise<void>;
  connected(): boolean;
  stats(): { messages: number; reconnects: number };
}

/**
 * NGSI-LD entities (or arrays of them) published on `ioc/ngsi-ld/#`, through the configured broker (Mosquitto,
 * or the embedded one). The message handler never throws: a malformed message is counted, reported on
 * ioc/ingest-errors and dropped, and the subscription carries on.
 */
export function createMqttAdapter(options: MqttAdapterOptions): MqttAdapter {
  const topic = options.topic ?? DEFAULT_TOPIC;
  let client: MqttClient | null = null;
  let sink: IngestSink | null = null;
  let messages = 0;
  let reconnects = 0;
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
  const lastWarned = new Map<RejectReason, number>();
  let reportWindow = 0;
  let reportsInWindow = 0;

  function report(source: string, reason: RejectReason, body: object): void {
    const nowMs = Date.now();
    if (nowMs - (lastWarned.get(reason) ?? 0) > 60_000) {
      lastWarned.set(reason, nowMs);
      options.logger.warn('MQTT message refused', { topic: source.slice(0, 200), reason });
    }
    if (Math.floor(nowMs / 1000) !== reportWindow) {
      reportWindow = Math.floor(nowMs / 1000);
      reportsInWindow = 0;
    }
    if (++reportsInWindow > MAX_ERROR_REPORTS_PER_S) return;
    client?.publish(ERROR_TOPIC, JSON.stringify({ topic: source.slice(0, 200), ...body }), { qos: 0 });
  }

  function onMessage(source: string, payload: Buffer): void {
    messages++;
    if (!sink) return;
    try {
      if (payload.length > MQTT_MAX_PAYLOAD) {
        const p = problem(
          'too_large',
          `Messages are limited to ${MQTT_MAX_PAYLOAD} bytes; this one had ${payload.length}.`,
        );
        sink.refuse(MQTT_ADAPTER, p);
        return report(source, p.reason, { error: problemBody(p) });
      }
      let raw: unknown;
      try {
        raw = JSON.parse(payload.toString('utf8'));
      } catch (error) {
        const p = problem('invalid_json', `Not JSON: ${error instanceof Error ? error.message : ''}`);
        sink.refuse(MQTT_ADAPTER, p);
        return report(source, p.reason, { error: problemBody(p) });
      }
      const outcomes = sink.payload(raw, { adapter: MQTT_ADAPTER, kind: 'mqtt', mode: 'upsert' });
      for (const o of outcomes) {
        if (!o.ok) report(source, o.problem.reason, { entityId: o.entityId, error: problemBody(o.problem) });
      }
    } catch (error) {
      // A bug must not cost the subscription: log it and take the next message.
      options.logger.error('MQTT message handling failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    name: MQTT_ADAPTER,
    async start(s) {
      sink = s;
      client = mqtt.connect(options.url, {
        clientId: options.clientId ?? `ioc-server-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
        username: options.username,
        password: options.password,
        reconnectPeriod: 1000,
        connectTimeout: 10_000,
        clean: true,
      });
      client.on('connect', () => {
        client?.subscribe(topic, { qos: 1 }, (error) => {
          if (error) options.logger.error('MQTT subscribe failed', { topic, error: error.message });
          else readyResolve();
        });
      });
      client.on('reconnect', () => reconnects++);
      client.on('error', (error) => options.logger.warn('MQTT connection problem', { error: error.message }));
      client.on('message', onMessage);
    },
    ready: () => readyPromise,
    connected: () => client?.connected ?? false,
    stats: () => ({ messages, reconnects }),
    async stop() {
      sink = null;
      const c = client;
      client = null;
      if (c) await c.endAsync(true);
    },
  };
}
