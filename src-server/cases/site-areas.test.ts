import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distanceKm, siteOfLocation, SitesFileSchema } from './site-areas';

const sites = SitesFileSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'server', 'sites.json'), 'utf8')),
).sites;

describe('site of a report', () => {
  it('measures distances on the sphere', () => {
    // Cao Lãnh to Sa Đéc is about 23 km as the crow flies.
    expect(distanceKm(sites[0]!, sites[1]!)).toBeGreaterThan(20);
    expect(distanceKm(sites[0]!, sites[1]!)).toBeLessThan(26);
  });

  it('gives each city’s reports to its site, and none outside every area or without coordinates', () => {
    expect(siteOfLocation(sites, 10.4603, 105.6329)).toBe('cao-lanh');
    expect(siteOfLocation(sites, 10.2936, 105.7656)).toBe('sa-dec');
    expect(siteOfLocation(sites, 10.8, 105.35)).toBe('hong-ngu');
    expect(siteOfLocation(sites, 10.76, 106.66)).toBeNull(); // Hồ Chí Minh City
    expect(siteOfLocation(sites, null, null)).toBeNull();
  });

  it('picks the nearest when areas overlap', () => {
    const overlapping = [
      { id: 'a', name: 'A', lat: 10, long: 105, radiusKm: 50 },
      { id: 'b', name: 'B', lat: 10.2, long: 105, radiusKm: 50 },
    ];
    expect(siteOfLocation(overlapping, 10.15, 105)).toBe('b');
    expect(siteOfLocation(overlapping, 10.05, 105)).toBe('a');
  });
});
