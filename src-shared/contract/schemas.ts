import { z } from 'zod';
import { ROLES } from './roles';

export const RoleSchema = z.enum(ROLES);

/** Short human-facing text: trimmed, bounded so no caller can make us store megabytes of name. */
export const NameText = z.string().trim().min(1).max(200);

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

export const UserSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  /** Site ids the user may act on; `['*']` means every site. */
  sites: z.array(z.string()),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;
