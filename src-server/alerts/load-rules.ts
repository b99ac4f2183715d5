import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlertRulesFileSchema, type AlertRulesFile } from '../../src-shared/domain/alerts/rules';
import type { ServiceCatalog } from '../resources/catalog';

/** resources/server/alert-rules.json, checked against the service catalog its case categories name. */
export function loadAlertRules(resourcesDir: string, catalog: ServiceCatalog): AlertRulesFile {
  const file = join(resourcesDir, 'server', 'alert-rules.json');
  const parsed = AlertRulesFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} is not valid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  for (const [domain, code] of Object.entries(parsed.data.caseServices)) {
    if (!catalog.get(code)) throw new Error(`${file}: caseServices.${domain} names unknown service ${code}`);
  }
  return parsed.data;
}
