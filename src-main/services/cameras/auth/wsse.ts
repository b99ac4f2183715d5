import { createHash, randomBytes } from 'node:crypto';
import { xmlEscape } from '../xml/escape';

export interface UsernameTokenInput {
  username: string;
  password: string;
  /** The camera's clock: our clock plus the measured offset, so cameras with replay protection accept it. */
  created: Date;
  nonce?: Buffer;
}

/** ISO time to the second, the form ONVIF's examples use and every camera parses. */
export function wsseTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * PasswordDigest = Base64(SHA-1(nonce + created + password)), all as UTF-8 bytes. The onvif library encodes
 * the password as ASCII, which mangles every Vietnamese password (research/onvif.md §0).
 */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** The `<Security>` SOAP header with a UsernameToken (WS-Security UsernameToken Profile 1.0). */
export function usernameTokenHeader(input: UsernameTokenInput): string {
  const nonce = input.nonce ?? randomBytes(16);
  const created = wsseTimestamp(input.created);
  return (
    '<Security s:mustUnderstand="1" xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
    '<UsernameToken>' +
    `<Username>${xmlEscape(input.username)}</Username>` +
    '<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">' +
    passwordDigest(nonce, created, input.password) +
    '</Password>' +
    '<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">' +
    nonce.toString('base64') +
    '</Nonce>' +
    `<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created>` +
    '</UsernameToken>' +
    '</Security>'
  );
}
