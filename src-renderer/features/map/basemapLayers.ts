/**
 * Which source layer of a PMTiles basemap holds what the style draws. The bundled file (resources/basemap) and
 * Protomaps builds say `water` and `boundaries`; OpenMapTiles-style builds say `waterway`, `boundary`,
 * `transportation`. Null: the file has no such layer, and the style draws none.
 */
export interface BasemapLayerNames {
  water: string | null;
  waterLines: string | null;
  boundaries: string | null;
  roads: string | null;
}

export const BUNDLED_LAYER_NAMES: BasemapLayerNames = {
  water: 'water',
  waterLines: 'water',
  boundaries: 'boundaries',
  roads: null,
};

/** Names tried in order for each role (compared without case); the first the file has is used. */
const CANDIDATES: Record<keyof BasemapLayerNames, readonly string[]> = {
  water: ['water', 'waterbody', 'water_polygons', 'ocean'],
  waterLines: ['waterway', 'waterways', 'water_lines', 'water'],
  boundaries: ['boundaries', 'boundary', 'admin'],
  roads: ['roads', 'transportation', 'road', 'streets'],
};

function vectorLayerIds(metadata: unknown): string[] | null {
  if (typeof metadata !== 'object' || metadata === null || !('vector_layers' in metadata)) return null;
  const layers = metadata.vector_layers;
  if (!Array.isArray(layers)) return null;
  return layers.flatMap((l: unknown) =>
    typeof l === 'object' && l !== null && 'id' in l && typeof l.id === 'string' ? [l.id] : [],
  );
}

/**
 * The layer names a PMTiles file's metadata lists (`vector_layers`, TileJSON). Metadata that lists none keeps the
 * bundled names: the file is taken to be built like the bundled one.
 */
export function layerNamesFromMetadata(metadata: unknown): BasemapLayerNames {
  const ids = vectorLayerIds(metadata);
  if (ids === null || ids.length === 0) return BUNDLED_LAYER_NAMES;
  const pick = (role: keyof BasemapLayerNames) =>
    CANDIDATES[role].flatMap((name) => ids.filter((id) => id.toLowerCase() === name))[0] ?? null;
  return { water: pick('water'), waterLines: pick('waterLines'), boundaries: pick('boundaries'), roads: pick('roads') };
}
