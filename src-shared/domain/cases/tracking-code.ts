/**
 * Public tracking codes such as `DT-7K3M-9Q`: the Open311 service_request_id a citizen reads out on the phone.
 * No 0/O, 1/I/L or U, so nothing can be misread; the last character is a check character that catches every
 * single wrong character (and most swaps of two neighbours: a weighted sum modulo 30 cannot catch them all).
 */
export const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const TRACKING_PREFIX = 'DT';
const BASE = TRACKING_ALPHABET.length;
const BODY_LENGTH = 5;

/** 30 is not prime, so weights must be coprime with it for the check to catch every single-character error. */
const WEIGHTS = [1, 7, 11, 13, 17];

function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += TRACKING_ALPHABET.indexOf(body[i]!) * WEIGHTS[i]!;
  return TRACKING_ALPHABET[sum % BASE]!;
}

/** `digits`: five integers in 0–29 from a cryptographic source (the caller owns the randomness). */
export function makeTrackingCode(digits: readonly number[]): string {
  if (digits.length !== BODY_LENGTH || digits.some((d) => !Number.isInteger(d) || d < 0 || d >= BASE)) {
    throw new RangeError(`a tracking code needs ${BODY_LENGTH} digits in 0–${BASE - 1}`);
  }
  const body = digits.map((d) => TRACKING_ALPHABET[d]).join('');
  return `${TRACKING_PREFIX}-${body.slice(0, 4)}-${body.slice(4)}${checkChar(body)}`;
}

/** Reads what a person typed (`dt 7k3m 9q`, `DT7K3M9Q`) into the canonical form, or null if it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== TRACKING_PREFIX.length + BODY_LENGTH + 1 || !compact.startsWith(TRACKING_PREFIX)) return null;
  const rest = compact.slice(TRACKING_PREFIX.length);
  if ([...rest].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  const body = rest.slice(0, BODY_LENGTH);
  if (checkChar(body) !== rest.slice(BODY_LENGTH)) return null;
  return `${TRACKING_PREFIX}-${body.slice(0, 4)}-${body.slice(4)}${rest.slice(BODY_LENGTH)}`;
}
