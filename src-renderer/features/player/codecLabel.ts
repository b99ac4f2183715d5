/** `H265` → `H.265`, as operators read it; other names unchanged. */
export function codecLabel(codec: string | null): string {
  if (!codec) return '?';
  const match = /^h\.?(26[45])$/i.exec(codec.trim());
  return match ? `H.${match[1]}` : codec;
}
