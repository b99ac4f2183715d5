import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CaseService } from '../../../src-shared/contract/commands/case-create';

const ServicesFile = z.object({
  services: z.array(
    z.object({
      service_code: z.string().min(1).max(64),
      service_name: z.string().min(1).max(300),
      group: z.string().min(1).max(200),
      sla_working_days: z.number().int().min(1),
    }),
  ),
});

/**
 * The case categories of the centre, from the same data the central server loads (as the holiday calendar is), so
 * the new-case form works offline and a provisional case gets the due date the server will set.
 */
export function loadCaseServices(resourcesDir: string): CaseService[] {
  const raw: unknown = JSON.parse(readFileSync(join(resourcesDir, 'server', 'services.json'), 'utf8'));
  return ServicesFile.parse(raw).services.map((s) => ({
    serviceCode: s.service_code,
    serviceName: s.service_name,
    group: s.group,
    slaWorkingDays: s.sla_working_days,
  }));
}
