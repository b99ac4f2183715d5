import { TextLayer } from '@deck.gl/layers';
import { LABEL_FONT } from './deckLayers';

interface Counted {
  position: [number, number];
  count: number;
}

/** The number written on each circle that stands for several alerts or cases; nothing on a single one. */
export function buildClusterCountLayer<T extends Counted>(id: string, clusters: readonly T[]): TextLayer<T> {
  return new TextLayer<T>({
    id,
    data: clusters.filter((c) => c.count > 1),
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
