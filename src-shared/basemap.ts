/** Where the core says which basemap the map draws (public, no session needed): GET, JSON `BasemapChoice`. */
export const BASEMAP_CHOICE_PATH = '/basemap.json';
/** Where the core serves the PMTiles file configured with `--basemap` (range requests). */
export const CUSTOM_PMTILES_PATH = '/basemap/custom.pmtiles';
/** The offline basemap shipped in resources/basemap (SOURCES.md). */
export const OFFLINE_PMTILES_PATH = '/basemap/dongthap.pmtiles';

/**
 * The basemap production configured: the embedded offline one (default), a PMTiles file of its own (`--basemap`),
 * or a MapLibre style URL (`--basemap-style`), which falls back to the offline one when it cannot be loaded.
 */
export type BasemapChoice = { kind: 'offline' } | { kind: 'pmtiles'; path: string } | { kind: 'style'; url: string };

/** scheme://host[:port] then an optional path, query or fragment; no user:password@, no spaces. */
const HTTP_URL = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/**
 * The origin (as a CSP source) of an http(s) style URL; null for anything else: no other scheme may be configured.
 * Parsed by hand: src-shared runs where no URL class is typed (the core, the Electron host and the renderer).
 */
export function basemapStyleOrigin(text: string): string | null {
  const match = HTTP_URL.exec(text);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.toLowerCase();
  const port = match[3];
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  const explicitPort = port === undefined || port === DEFAULT_PORTS[scheme] ? '' : `:${Number(port)}`;
  return `${scheme}://${host}${explicitPort}`;
}
