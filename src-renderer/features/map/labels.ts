import { z } from 'zod';

export interface MapLabel {
  text: string;
  position: [number, number];
  /** 1 = city … 4 = hamlet; water names are 5. */
  rank: number;
  kind: 'city' | 'town' | 'hamlet' | 'water';
}

const PointFeature = z.object({
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({ name: z.string().min(1), kind: z.string(), rank: z.number().optional() }).passthrough(),
});
const Collection = z.object({ features: z.array(z.unknown()) });

/** Label points from the basemap's GeoJSON files; features that are not named points are skipped. */
export function labelsFromGeoJson(json: unknown): MapLabel[] {
  const parsed = Collection.safeParse(json);
  if (!parsed.success) return [];
  const out: MapLabel[] = [];
  for (const raw of parsed.data.features) {
    const f = PointFeature.safeParse(raw);
    if (!f.success) continue;
    const { name, kind, rank } = f.data.properties;
    const position = f.data.geometry.coordinates;
    if (kind === 'water_label') out.push({ text: name, position, rank: 5, kind: 'water' });
    else if (kind === 'city' || kind === 'town' || kind === 'hamlet')
      out.push({ text: name, position, rank: rank ?? 3, kind });
  }
  return out;
}

/** Minimum zoom at which a label of this rank is shown, so the map is not cluttered when zoomed out. */
export function minZoomFor(label: MapLabel): number {
  return { city: 7, town: 10, hamlet: 12.5, water: 9 }[label.kind] - (label.rank === 1 ? 1 : 0);
}
