import { z } from 'zod';

/** A site of the centre and the area whose reports it handles: a circle around its city (resources/server/sites.json). */
export const SiteAreaSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    name: z.string().min(1),
    lat: z.number().min(-90).max(90),
    long: z.number().min(-180).max(180),
    radiusKm: z.number().positive().max(500),
  })
  .strict();
export type SiteArea = z.infer<typeof SiteAreaSchema>;

export const SitesFileSchema = z
  .object({ _comment: z.string().optional(), sites: z.array(SiteAreaSchema) })
  .strict()
  .refine((f) => new Set(f.sites.map((s) => s.id)).size === f.sites.length, 'repeated site id');

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine): plenty for deciding which city a report is in. */
export function distanceKm(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLong = rad(b.long - a.long);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The nearest site whose area holds the point; null without coordinates or outside every area. */
export function siteOfLocation(sites: readonly SiteArea[], lat: number | null, long: number | null): string | null {
  if (lat === null || long === null) return null;
  let best: { id: string; km: number } | null = null;
  for (const site of sites) {
    const km = distanceKm(site, { lat, long });
    if (km <= site.radiusKm && (best === null || km < best.km)) best = { id: site.id, km };
  }
  return best?.id ?? null;
}
