import type { MaskedReporter } from '../../src-shared/sync/protocol';

export interface ReporterColumns {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
}

const STAR = '***';

/** "Nguyễn Thị Lan" → "N*** T*** L***": enough to tell two reporters apart in a list, not to identify one. */
export function maskName(first: string | null, last: string | null): string | null {
  const words = [last, first]
    .filter((w): w is string => Boolean(w?.trim()))
    .join(' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.length === 0 ? null : words.map((w) => `${[...w][0]!.toUpperCase()}${STAR}`).join(' ');
}

/** Only the last three digits stay: the operator can confirm "the caller ending in 678" without the number. */
export function maskPhone(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 0) return null;
  return `${'*'.repeat(Math.max(digits.length - 3, 3))}${digits.slice(-3)}`;
}

export function maskEmail(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 1) return email ? STAR : null;
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...email][0]}${STAR}@${domain ? `${[...domain][0]}${STAR}` : ''}${tld}`;
}

/** The reporter as every workstation receives it: identity stays on the server (reveal is a separate, audited call). */
export function maskReporter(r: ReporterColumns | null): MaskedReporter | null {
  if (!r) return null;
  const masked = { name: maskName(r.first_name, r.last_name), phone: maskPhone(r.phone), email: maskEmail(r.email) };
  return masked.name === null && masked.phone === null && masked.email === null ? null : masked;
}
