import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import type { ServerDatabase } from '../db/schema';
import { readBoard } from './board';
import type { ProbeRunner } from './runner';

const DAY_MS = 86_400_000;
const BoardQuery = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .strict();
const Token = z.string().min(16).max(200);

export interface ProbeRoutesDeps {
  db: Kysely<ServerDatabase>;
  runner: ProbeRunner;
  now: () => Date;
}

/** The Systems board for workstations, and the heartbeat URL push monitors call (Uptime Kuma "push"). */
export function registerProbeRoutes(app: FastifyInstance, deps: ProbeRoutesDeps): void {
  const auth = createWorkstationAuth(deps.db, deps.now);

  app.get('/api/systems', async (req, reply) => {
    if (!(await auth.device(req, reply))) return reply;
    const query = BoardQuery.safeParse(req.query);
    if (!query.success) return sendError(reply, 'invalid_input', 'from and to are ISO 8601 date-times.');
    const now = deps.now();
    const to = query.data.to ? new Date(query.data.to) : now;
    const from = query.data.from ? new Date(query.data.from) : new Date(to.getTime() - 7 * DAY_MS);
    if (from >= to) return sendError(reply, 'invalid_input', 'from must be before to.');
    return { ok: true, board: await readBoard(deps.db, deps.runner.monitors, { from, to }, now) };
  });

  // The token travels as ?token= (which the log redactor masks) or as a bearer, never in the path.
  const heartbeat = async (
    req: { query: unknown; headers: Record<string, string | string[] | undefined> },
    reply: Parameters<typeof sendError>[0],
  ) => {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const query = z.object({ token: z.string().optional() }).loose().safeParse(req.query);
    const token = Token.safeParse(bearer ?? (query.success ? query.data.token : undefined));
    if (!token.success || !(await deps.runner.beat(token.data))) {
      return sendError(reply, 'not_found', 'No push monitor has this token.');
    }
    return { ok: true };
  };
  app.get('/api/heartbeat', heartbeat);
  app.post('/api/heartbeat', heartbeat);
}
