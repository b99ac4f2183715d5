import { z } from 'zod';

/**
 * The workstation audit log in the sync protocol (issue 5 §7, DESIGN.md §6): rows are appended on the
 * workstation first (SQLite, synchronous=FULL), then sent to the server in order. The server stores each row once,
 * keyed by the workstation's audit origin and the row's local number, so a batch sent again after a lost reply
 * adds nothing. The origin is drawn once per workstation database, not per enrolment: a device enrolled again
 * does not send its history twice.
 */
export const MAX_AUDIT_ROWS = 500;

export const AuditOriginSchema = z.string().regex(/^[a-f0-9]{32}$/);

export const AuditRowWireSchema = z
  .object({
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    at: z.string().min(20).max(30),
    userId: z.string().max(128).nullable(),
    username: z.string().max(128).nullable(),
    action: z.string().min(1).max(64),
    subject: z.string().max(300).nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .strict();
export type AuditRowWire = z.infer<typeof AuditRowWireSchema>;

export const AuditPushRequestSchema = z
  .object({ origin: AuditOriginSchema, rows: z.array(AuditRowWireSchema).min(1).max(MAX_AUDIT_ROWS) })
  .strict()
  .refine((r) => r.rows.every((row, i) => i === 0 || row.seq > r.rows[i - 1]!.seq), {
    message: 'rows must be in increasing seq order',
  });
export type AuditPushRequest = z.infer<typeof AuditPushRequestSchema>;

export const AuditPushResponseSchema = z.object({
  ok: z.literal(true),
  /** Rows new to the server (the rest it had already). */
  stored: z.number().int().min(0),
  /** The highest local number the server now holds from this batch. */
  upTo: z.number().int().min(1),
});
export type AuditPushResponse = z.infer<typeof AuditPushResponseSchema>;
