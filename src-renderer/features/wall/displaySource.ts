import type { Layout, Tour, WallSource } from '../../../src-shared/contract/layouts';

/** A display's source as the value of the assignment <select>: `layout:<id>`, `tour:<id>` or ''. */
export const sourceValue = (source: WallSource | null) =>
  source === null ? '' : source.kind === 'layout' ? `layout:${source.layoutId}` : `tour:${source.tourId}`;

/** False when the layout or tour a display is set to was deleted (here or on another workstation). */
export const sourceExists = (source: WallSource, layouts: readonly Layout[], tours: readonly Tour[]) =>
  source.kind === 'layout'
    ? layouts.some((l) => l.id === source.layoutId)
    : tours.some((tour) => tour.id === source.tourId);

export function parseSource(value: string): WallSource | null {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'layout' && id) return { kind: 'layout', layoutId: id };
  if (kind === 'tour' && id) return { kind: 'tour', tourId: id };
  return null;
}
