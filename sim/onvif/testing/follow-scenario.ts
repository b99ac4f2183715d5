// Run inside a loopback-only network namespace (testing/netns.ts). A client that does what the workstation must
// do: take every URI a camera hands out, put back the host it reached the camera at, and follow it. Also shows
// that the captured private addresses lead nowhere here. Prints one JSON line.
import { connect } from 'node:net';
import { startSimCamera } from '../camera';
import { PERSONALITIES } from '../personalities';
import { findDeep, textAt } from '../soap/xml';
import { challengesOf, digestAuthorization, httpCall, soapCall, type Credentials } from './soap-client';

const CREDS: Credentials = { username: 'admin', password: 'Đồng Tháp 2026!' };
const RTSP = 'rtsp://127.0.0.1:8554/cam7/main?transport=tcp';

function reachable(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** The client's fix: the host it used to reach the camera replaces whatever the camera wrote. */
function rewrite(uri: string, host: string): string {
  const url = new URL(uri);
  url.hostname = host;
  return url.toString();
}

async function follow(personality: (typeof PERSONALITIES)[number]) {
  const camera = await startSimCamera({ personality, ...CREDS, auth: 'both', rtspUrl: RTSP });
  try {
    const call = (url: string, op: string, header = '') =>
      soapCall(url, op, { credentials: CREDS, auth: 'digest', soapHeader: header });
    const caps = await call(
      camera.url,
      '<GetCapabilities xmlns="http://www.onvif.org/ver10/device/wsdl"><Category>All</Category></GetCapabilities>',
    );
    const mediaXAddr = textAt(caps.operation, 'Capabilities', 'Media', 'XAddr') ?? '';
    const eventsXAddr = textAt(caps.operation, 'Capabilities', 'Events', 'XAddr') ?? '';
    const privateHost = new URL(mediaXAddr).hostname;
    const unreachable = await reachable(privateHost, camera.port);
    const media = rewrite(mediaXAddr, camera.host);
    const token = camera.profiles[0]?.token ?? '';
    const stream =
      textAt(
        (
          await call(
            media,
            `<GetStreamUri xmlns="http://www.onvif.org/ver10/media/wsdl"><ProfileToken>${token}</ProfileToken></GetStreamUri>`,
          )
        ).operation,
        'MediaUri',
        'Uri',
      ) ?? '';
    const snapshotUri =
      textAt(
        (
          await call(
            media,
            `<GetSnapshotUri xmlns="http://www.onvif.org/ver10/media/wsdl"><ProfileToken>${token}</ProfileToken></GetSnapshotUri>`,
          )
        ).operation,
        'MediaUri',
        'Uri',
      ) ?? '';
    const snapshotAt = rewrite(snapshotUri, camera.host);
    const challenge = await httpCall(snapshotAt);
    const target = new URL(snapshotAt);
    const jpeg = await httpCall(snapshotAt, {
      headers: {
        authorization: digestAuthorization(
          challengesOf(challenge)[0] ?? '',
          CREDS,
          'GET',
          target.pathname + target.search,
        ),
      },
    });
    const created = await call(
      rewrite(eventsXAddr, camera.host),
      '<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>',
    );
    const subscription = textAt(created.operation, 'SubscriptionReference', 'Address') ?? '';
    const reference = created.operation ? findDeep(created.operation, 'ReferenceParameters')?.children[0] : undefined;
    const echo = reference ? `<SubscriptionId xmlns="${reference.ns}">${reference.text.trim()}</SubscriptionId>` : '';
    camera.triggerMotion(10_000);
    const pulled = await call(
      rewrite(subscription, camera.host),
      '<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT5S</Timeout><MessageLimit>10</MessageLimit></PullMessages>',
      echo,
    );
    return {
      personality,
      privateHost,
      unreachable,
      stream,
      snapshot: { status: jpeg.status, type: jpeg.headers['content-type'], bytes: jpeg.body.length },
      subscription,
      notifications: (pulled.operation?.children ?? []).filter((c) => c.local === 'NotificationMessage').length,
    };
  } finally {
    await camera.dispose();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const personality of PERSONALITIES) results.push(await follow(personality));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
