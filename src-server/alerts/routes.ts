import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MAX_ALERT_PAGE, MAX_ALERT_WAIT_S } from '../../src-shared/contract/alerts';
import { MaintenanceWindowSchema } from '../../src-shared/domain/alerts/maintenance';
import type { ServerDatabase } from '../db/schema';
import { readEpoch } from '../sync/epoch';
import { AlertActionError } from './actions';
import type { AlertEngine } from './engine';
import { createWorkstationAuth, sendError } from './http-auth';

export interface AlertRoutesDeps {
  db: Kysely<ServerDatabase>;
  engine: AlertEngine;
  now: () => Date;
}

const PageQuery = z
  .object({
    since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_ALERT_PAGE).default(1000),
    wait: z.coerce.number().int().min(0).max(MAX_ALERT_WAIT_S).default(0),
  })
  .strict();
const IdParams = z.object({ id: z.string().min(1).max(100) });
const Actor = z.string().trim().min(1).max(128);
const AckBody = z.object({ actorUsername: Actor, note: z.string().trim().max(1000).default('') }).strict();
const EscalateBody = z.object({ actorUsername: Actor }).strict();
const WindowBody = z.object({ actorUsername: Actor, window: MaintenanceWindowSchema }).strict();
const RemoveWindowBody = z.object({ actorUsername: Actor }).strict();

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`;
}

/**
 * The alert API of the central server, for enrolled workstations: `GET /api/alerts?since=&wait=` is a paged
 * pull then a long-poll on the alert cursor (the same pattern as /api/sync/pull, so it can move onto the sync
 * channel later without changing what travels); acknowledge and escalate act for a named user.
 */
export function registerAlertRoutes(app: FastifyInstance, deps: AlertRoutesDeps): void {
  const auth = createWorkstationAuth(deps.db, deps.now);

  app.get('/api/alerts', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const query = PageQuery.safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_input', firstIssue(query.error));
    const gone = new AbortController();
    const onClose = () => gone.abort();
    reply.raw.once('close', onClose);
    try {
      // Read before the page: an epoch rotated meanwhile makes the next pull start again rather than miss rows.
      const epoch = await readEpoch(deps.db);
      const page = await deps.engine.page(query.data.since, query.data.limit, query.data.wait * 1000, gone.signal);
      if (gone.signal.aborted) return reply;
      return { ok: true, epoch, ...page };
    } finally {
      reply.raw.off('close', onClose);
    }
  });

  async function act<T>(run: () => Promise<T>, reply: Parameters<typeof sendError>[0]): Promise<T | typeof reply> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AlertActionError)
        return sendError(reply, error.code === 'invalid' ? 'invalid_input' : error.code, error.message);
      throw error;
    }
  }

  app.post('/api/alerts/:id/acknowledge', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const params = IdParams.safeParse(req.params);
    const body = AckBody.safeParse(req.body);
    if (!params.success || !body.success) {
      return sendError(reply, 'invalid_input', body.success ? 'Bad alert id.' : firstIssue(body.error));
    }
    const user = await auth.actor(body.data.actorUsername, 'alerts.acknowledge', reply);
    if (!user) return reply;
    return act(async () => {
      const alert = await deps.engine.acknowledge(params.data.id, user, body.data.note);
      return { ok: true, alert };
    }, reply);
  });

  app.post('/api/alerts/:id/escalate', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const params = IdParams.safeParse(req.params);
    const body = EscalateBody.safeParse(req.body);
    if (!params.success || !body.success) {
      return sendError(reply, 'invalid_input', body.success ? 'Bad alert id.' : firstIssue(body.error));
    }
    // Escalating opens a case: the grant table gives alerts.escalate only to roles that write cases.
    const user = await auth.actor(body.data.actorUsername, 'alerts.escalate', reply);
    if (!user) return reply;
    return act(async () => ({ ok: true, ...(await deps.engine.escalate(params.data.id, user)) }), reply);
  });

  app.get('/api/maintenance-windows', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    return { ok: true, windows: deps.engine.maintenance.windows() };
  });

  // Maintenance (technicians and IT officers) silences alerts and pauses uptime accounting.
  app.post('/api/maintenance-windows', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const body = WindowBody.safeParse(req.body);
    if (!body.success) return sendError(reply, 'invalid_input', firstIssue(body.error));
    const user = await auth.actor(body.data.actorUsername, 'maintenance.manage', reply);
    if (!user) return reply;
    await deps.engine.maintenance.add(body.data.window, user.username, deps.now());
    return { ok: true, window: body.data.window };
  });

  app.delete('/api/maintenance-windows/:id', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const params = IdParams.safeParse(req.params);
    const body = RemoveWindowBody.safeParse(req.body);
    if (!params.success || !body.success) return sendError(reply, 'invalid_input', 'Send {actorUsername}.');
    const user = await auth.actor(body.data.actorUsername, 'maintenance.manage', reply);
    if (!user) return reply;
    const removed = await deps.engine.maintenance.remove(params.data.id);
    // The alerts it silenced are heard again now, not at the next sweep.
    if (removed) await deps.engine.liftEndedMaintenance();
    return removed ? { ok: true, removed } : sendError(reply, 'not_found', `No maintenance window ${params.data.id}.`);
  });
}
