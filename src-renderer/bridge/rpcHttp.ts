import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract';
import { parseOutput } from './commandOutput';
import { errorFromReply, requestJson, type HttpTarget } from './http';
import { fail, type Result } from './result';
import { RpcReplySchema } from './wireSchema';

/** POST /api/rpc/<command>: the path used while the socket is not open. */
export async function rpcHttp<N extends CommandName>(
  target: HttpTarget,
  name: N,
  input: CommandInput<N>,
): Promise<Result<CommandOutput<N>>> {
  const reply = await requestJson(target, 'POST', `/api/rpc/${encodeURIComponent(name)}`, input);
  if (!reply.ok) return reply;
  const parsed = RpcReplySchema.safeParse(reply.value.body);
  if (!parsed.success)
    return reply.value.status >= 400 ? errorFromReply(reply.value) : fail('bad_response', parsed.error.message);
  if (!parsed.data.ok) return errorFromReply(reply.value);
  return parseOutput(name, parsed.data.value);
}
