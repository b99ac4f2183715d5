import { z } from 'zod';
import { defineCommand } from '../define';
import { RoleSchema, SiteSchema, UserSummarySchema } from '../schemas';

const NoInput = z.object({}).strict();

export const systemCommands = {
  'system.info': defineCommand({
    summary: 'Version of the core, who is calling, with which roles, at which site',
    input: NoInput,
    output: z.object({
      version: z.string(),
      user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
      roles: z.array(RoleSchema),
      site: SiteSchema.nullable(),
      permissions: z.array(z.string()),
    }),
    permission: null,
  }),
  'sites.list': defineCommand({
    summary: 'Sites the caller may act on',
    input: NoInput,
    output: z.array(SiteSchema),
    permission: 'system.read',
  }),
  'users.list': defineCommand({
    summary: 'Local users, their roles and sites (no secrets)',
    input: z.object({ query: z.string().max(200).optional() }).strict(),
    output: z.array(UserSummarySchema),
    permission: 'users.manage',
  }),
  'audit.list': defineCommand({
    summary: 'Latest audit records, newest first',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        userId: z.string().nullable(),
        action: z.string(),
        subject: z.string().nullable(),
      }),
    ),
    permission: 'audit.read',
  }),
} as const;
