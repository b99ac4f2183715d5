import { z } from 'zod';
import { AlertFilterSchema, AlertLinkSchema, AlertSchema, AssetSchema, SystemsBoardSchema } from '../alerts';
import { defineCommand } from '../define';

const AlertId = z.string().min(1).max(100);

export const alertsCommands = {
  'alerts.list': defineCommand({
    summary: 'Alerts from utilities, sensors, cameras and government systems, most severe first',
    input: z.object({ filter: AlertFilterSchema.default({ state: 'active', limit: 1000 }) }).strict(),
    output: z.object({ alerts: z.array(AlertSchema), link: AlertLinkSchema }),
    permission: 'alerts.read',
  }),
  'alerts.acknowledge': defineCommand({
    summary: 'Acknowledge an alert with a note: the centre has seen it and someone is on it',
    input: z.object({ id: AlertId, note: z.string().trim().max(1000).default('') }).strict(),
    output: AlertSchema,
    permission: 'alerts.acknowledge',
  }),
  'alerts.escalate': defineCommand({
    summary: 'Open a case for an alert through the case lifecycle; the alert and the case link to each other',
    input: z.object({ id: AlertId }).strict(),
    output: z.object({ alert: AlertSchema, caseId: z.string(), caseCode: z.string() }),
    permission: 'alerts.escalate',
  }),
  'alerts.assets': defineCommand({
    summary: 'Utility assets for the map: water stations, flood gauges, waste containers, street lights, Wi-Fi',
    input: z.object({}).strict(),
    output: z.array(AssetSchema),
    permission: 'alerts.read',
  }),
  'systems.board': defineCommand({
    summary: 'Uptime of the shared government software: status, response times, incidents, uptime %',
    input: z
      .object({
        /** Reporting period for the third uptime figure; default: the last 7 days. */
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    output: SystemsBoardSchema,
    permission: 'system.read',
  }),
} as const;
