// Cameras serve rtsps:// with self-signed certificates, so a CA check proves nothing: the camera's certificate is
// pinned instead (SHA-256 of the leaf certificate, as `openssl x509 -noout -fingerprint -sha256` prints it and
// camera web pages show it), trusted once by a technician, as SSH trusts a host key. Nothing carrying credentials
// is written before the pin matched.
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** What the reader is told about the camera's certificate. */
export interface RtspTlsPin {
  /** The trusted fingerprint (`AB:CD:…`, 32 bytes), or null when nobody trusted one yet. */
  pinnedSha256: string | null;
}

/** `ab:cd…`, `ABCD…` or `AB:CD…` → `AB:CD:…`; null when it is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** SHA-256 of the peer's leaf certificate (DER), or null when it sent none. */
export function peerFingerprint(socket: TLSSocket): string | null {
  const certificate = socket.getPeerCertificate();
  if (!certificate || !certificate.fingerprint256) return null;
  return normalizeFingerprint(certificate.fingerprint256);
}

/** `untrusted`: no pin yet; `changed`: a pin that the camera's certificate does not match; null: it matches. */
export function pinVerdict(pin: RtspTlsPin, seen: string | null): 'untrusted' | 'changed' | null {
  const pinned = pin.pinnedSha256 === null ? null : normalizeFingerprint(pin.pinnedSha256);
  if (pinned === null) return 'untrusted';
  return seen !== null && seen === pinned ? null : 'changed';
}

/** SNI names a host, never an address (RFC 6066 §3). */
export function sniName(host: string): string | undefined {
  return isIP(host) ? undefined : host;
}
