import mqtt, { type MqttClient } from 'mqtt';
import { CONTEXT, type Entity } from './devices';

export interface PublisherOptions {
  /** The central server, for NGSI-LD over HTTP (entityOperations/upsert). */
  httpUrl?: string;
  /** A broker, for NGSI-LD over MQTT (topic ioc/ngsi-ld/<type>). */
  mqttUrl?: string;
  /** The ingest key: HTTP bearer and MQTT password. Taken from the environment by the CLI, never argv. */
  key: string | null;
}

export interface Publisher {
  /** Over HTTP when configured, else MQTT; `via` picks one. */
  publish(entities: readonly Entity[], via?: 'http' | 'mqtt'): Promise<void>;
  dispose(): Promise<void>;
}

/** How simulated sensors reach the central server: both NGSI-LD transports, authenticated with the ingest key. */
export async function createPublisher(options: PublisherOptions): Promise<Publisher> {
  let client: MqttClient | null = null;
  if (options.mqttUrl) {
    client = await mqtt.connectAsync(options.mqttUrl, {
      clientId: `ioc-sim-sensors-${process.pid}`,
      username: 'sim-sensors',
      password: options.key ?? undefined,
      reconnectPeriod: 1000,
    });
  }
  async function overHttp(entities: readonly Entity[]): Promise<void> {
    const res = await fetch(`${options.httpUrl}/ngsi-ld/v1/entityOperations/upsert`, {
      method: 'POST',
      headers: {
        'content-type': 'application/ld+json',
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      },
      body: JSON.stringify(entities.map((e) => ({ '@context': CONTEXT, ...e }))),
    });
    if (res.status >= 300)
      throw new Error(`NGSI-LD upsert answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  async function overMqtt(entities: readonly Entity[]): Promise<void> {
    for (const e of entities) await client!.publishAsync(`ioc/ngsi-ld/${e.type}`, JSON.stringify(e), { qos: 1 });
  }
  return {
    async publish(entities, via) {
      const mode = via ?? (options.httpUrl ? 'http' : 'mqtt');
      if (mode === 'mqtt' && !client) throw new Error('no MQTT broker configured');
      if (mode === 'http' && !options.httpUrl) throw new Error('no server URL configured');
      await (mode === 'http' ? overHttp(entities) : overMqtt(entities));
    },
    async dispose() {
      await client?.endAsync();
    },
  };
}
