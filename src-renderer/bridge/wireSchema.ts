import { z } from 'zod';
import { isErrorCode, type ContractError } from '../../src-shared/contract';

/** A refusal's reason; one this client cannot read is dropped (the code and message still say what happened). */
const RefusalReasonSchema = z
  .object({
    kind: z.literal('in_use'),
    item: z.enum(['layout', 'tour']),
    name: z.string(),
    users: z.array(
      z.union([
        z.object({ kind: z.literal('display'), id: z.string() }),
        z.object({ kind: z.literal('tour'), name: z.string() }),
      ]),
    ),
  })
  .optional()
  .catch(undefined);

/** The contract only declares server messages as a type; this parses them from `unknown` at the boundary. */
const ContractErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reason: RefusalReasonSchema,
  })
  .transform(
    ({ reason, ...e }): ContractError => ({
      ...e,
      code: isErrorCode(e.code) ? e.code : 'internal',
      ...(reason ? { reason } : {}),
    }),
  );

const Id = z.union([z.string(), z.number()]);

export const ServerMessageSchema = z.union([
  z.object({ t: z.literal('hello'), version: z.string(), userId: z.string() }),
  z.object({ t: z.literal('result'), id: Id, ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('result'), id: Id, ok: z.literal(false), error: ContractErrorSchema }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.object({ t: z.literal('pong'), id: Id.optional() }),
  z.object({ t: z.literal('error'), error: ContractErrorSchema }),
]);
export type ParsedServerMessage = z.infer<typeof ServerMessageSchema>;

/** Body of every non-2xx reply from /api/auth/* and /api/rpc/*. */
export const ErrorReplySchema = z.object({ ok: z.literal(false), error: ContractErrorSchema });

export const RpcReplySchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), ErrorReplySchema]);
