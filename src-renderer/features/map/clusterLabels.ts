import { TextLayer } from '@deck.gl/layers';
import { LABEL_FONT } from './deckLayers';

interface Counted {
  position: [number, number];
  count: number;
}

/** The same clusters give the same data array, so deck.gl does not lay the numbers out again. */
const countedOf = new WeakMap<readonly Counted[], Counted[]>();
function counted<T extends Counted>(clusters: readonly T[]): T[] {
  let several = countedOf.get(clusters);
  if (!several) countedOf.set(clusters, (several = clusters.filter((c) => c.count > 1)));
  return several as T[];
}

/** The number written on each circle that stands for several alerts or cases; nothing on a single one. */
export function buildClusterCountLayer<T extends Counted>(id: string, clusters: readonly T[]): TextLayer<T> {
  return new TextLayer<T>({
    id,
    data: counted(clusters),
    getText: (d) => String(d.count),
    getPosition: (d) => d.position,
    getSize: 12,
    getColor: [10, 14, 20, 255],
    fontFamily: LABEL_FONT,
    fontWeight: 700,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
  });
}
