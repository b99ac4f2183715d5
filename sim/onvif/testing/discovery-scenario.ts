// Run inside a loopback-only network namespace (testing/netns.ts): two simulated cameras answer WS-Discovery on
// the standard port, a probe goes to the multicast group, Hello and Bye are heard. Prints one JSON line.
import { createSocket } from 'node:dgram';
import { startSimCamera } from '../camera';
import { WS_DISCOVERY_GROUP } from '../discovery';
import { probe, readAnnouncement, type Announcement } from './probe';

const PORT = 3702;

async function main(): Promise<void> {
  const heard: Announcement[] = [];
  const listener = createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve) => listener.bind(PORT, WS_DISCOVERY_GROUP, resolve));
  listener.addMembership(WS_DISCOVERY_GROUP, '127.0.0.1');
  listener.on('message', (msg) => {
    const a = readAnnouncement(msg);
    if (a) heard.push(a);
  });
  const cameras = await Promise.all([
    startSimCamera({ personality: 'hikvision', auth: 'none', name: 'Ngã tư Sa Đéc', discovery: { announce: true } }),
    startSimCamera({
      personality: 'axis',
      host: '127.0.0.2',
      auth: 'none',
      discovery: { announce: true, xaddrs: 'multi' },
    }),
  ]);
  const multicast = await probe(WS_DISCOVERY_GROUP, PORT, 500, { multicastInterface: '127.0.0.1' });
  const unicast = await probe('127.0.0.2', PORT, 300);
  await Promise.all(cameras.map((c) => c.dispose()));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  const result = {
    cameras: cameras.map((c) => ({ url: c.url, endpoint: c.endpointReference })),
    multicast,
    unicast,
    heard,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
