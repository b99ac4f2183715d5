import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  createWorkingCalendar,
  HolidayCalendarSchema,
  type WorkingCalendar,
} from '../../src-shared/domain/cases/calendar';
import { type SiteArea, SitesFileSchema } from '../cases/site-areas';
import { type Agency, AgenciesFileSchema, createCatalog, type ServiceCatalog, ServicesFileSchema } from './catalog';

export interface ServerResources {
  catalog: ServiceCatalog;
  agencies: readonly Agency[];
  calendar: WorkingCalendar;
  /** The centre's sites and their areas: which site a located report belongs to. */
  sites: readonly SiteArea[];
}

export class ResourceError extends Error {}

function readJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ResourceError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ResourceError(`${file} is not valid: ${issues}`);
  }
  return parsed.data;
}

/** resources/server/*.json: service categories, agencies and holidays are data, checked against each other. */
export function loadServerResources(resourcesDir: string): ServerResources {
  const dir = join(resourcesDir, 'server');
  const services = readJson(join(dir, 'services.json'), ServicesFileSchema).services;
  const agencies = readJson(join(dir, 'agencies.json'), AgenciesFileSchema).agencies;
  const calendar = createWorkingCalendar(readJson(join(dir, 'holidays-vn.json'), HolidayCalendarSchema));
  const sites = readJson(join(dir, 'sites.json'), SitesFileSchema).sites;
  const agencyIds = new Set(agencies.map((a) => a.id));
  const serviceCodes = new Set(services.map((s) => s.service_code));
  for (const s of services) {
    if (!agencyIds.has(s.default_agency)) {
      throw new ResourceError(`services.json: ${s.service_code} names unknown agency ${s.default_agency}`);
    }
  }
  for (const a of agencies)
    for (const code of a.handles) {
      if (!serviceCodes.has(code)) throw new ResourceError(`agencies.json: ${a.id} handles unknown service ${code}`);
    }
  return { catalog: createCatalog(services), agencies, calendar, sites };
}
