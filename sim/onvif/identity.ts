import type { CameraContext } from './context';
import type { DiscoveryIdentity } from './discovery';
import { applyScopeOptions } from './handlers/device';
import { hostForUrl } from './rewrite';
import { decodeEntities } from './soap/xml';

/** A UUID (version 5 layout) from 16 bytes of a hash: stable for the same camera identity. */
function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The scope URIs of the captured GetScopes answer, with the name/location/hardware options applied. */
export function scopesOf(ctx: CameraContext): string {
  const capture = ctx.captures.get('device', 'GetScopes');
  const body = capture ? applyScopeOptions(capture.body, ctx.options) : '';
  return [...body.matchAll(/<(?:[\w.-]+:)?ScopeItem>([^<]*)</g)]
    .map((m) => decodeEntities((m[1] ?? '').trim()))
    .join(' ');
}

/** What the discovery responder says about this camera. */
export function discoveryIdentity(ctx: CameraContext, host: string, seed: Buffer): DiscoveryIdentity {
  const path = ctx.spec.devicePath;
  return {
    endpointReference: `urn:uuid:${uuidFrom(seed)}`,
    scopes: () => scopesOf(ctx),
    xaddrs() {
      const port = ctx.uris.port;
      const own = `http://${hostForUrl(host)}:${port}${path}`;
      if (ctx.options.discovery?.xaddrs !== 'multi') return [own];
      // Like a camera with several interfaces: the reachable address, its own idea of its address, link-local IPv6.
      const linkLocal = `fe80::${(port & 0xffff).toString(16)}`;
      return [
        own,
        `http://${hostForUrl(ctx.uris.advertisedHost)}:${port}${path}`,
        `http://[${linkLocal}]:${port}${path}`,
      ];
    },
  };
}
