import {
  CommandError,
  commands,
  hasPermission,
  type CommandDefinition,
  type ContractError,
  type Reply,
} from '../../src-shared/contract';
import { mayActOnSite, type Principal } from '../services/auth';
import type { CallConnection, CallContext, Handlers } from './handlers';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export type Dispatch = (
  command: string,
  input: unknown,
  principal: Principal | null,
  connection?: CallConnection | null,
) => Promise<Reply<unknown>>;

function fail(code: ContractError['code'], message: string, issues?: ContractError['issues']): Reply<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/**
 * The one server function every transport calls. Order matters: authentication before the command is looked
 * up (unknown callers learn nothing about what exists), permission before input (no schema probing).
 */
export function createDispatcher(
  handlers: Handlers,
  deps: { logger: Logger; metrics: Metrics },
  registry: Readonly<Record<string, CommandDefinition>> = commands,
): Dispatch {
  const isKnown = (name: string) => Object.hasOwn(registry, name);
  // Typed per command at the composition root (`Handlers`); here every handler is called the same way.
  const table = handlers as unknown as Record<string, (input: unknown, ctx: CallContext) => unknown>;
  const calls = deps.metrics.counter('ioc_rpc_calls_total', 'Contract commands handled, by command and outcome');

  async function run(
    name: string,
    rawInput: unknown,
    principal: Principal | null,
    connection: CallConnection | null,
  ): Promise<Reply<unknown>> {
    if (!principal) return fail('unauthenticated', 'Sign in first.');
    const definition = isKnown(name) ? registry[name] : undefined;
    const handler = isKnown(name) ? table[name] : undefined;
    if (!definition || !handler) return fail('unknown_command', `There is no command named "${name.slice(0, 128)}".`);
    if (definition.permission && !hasPermission(principal.roles, definition.permission)) {
      return fail('forbidden', `Your roles do not include the permission "${definition.permission}".`);
    }
    const parsed = definition.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({
        path: i.path.map(String).join('.').slice(0, 200),
        message: i.message.slice(0, 300),
      }));
      return fail('invalid_input', `The input of ${name} is not valid.`, issues);
    }
    const siteId = siteOf(parsed.data);
    if (siteId !== null && !mayActOnSite(principal, siteId)) {
      return fail('forbidden', `You may not act on site "${siteId.slice(0, 64)}".`);
    }
    const value = await handler(parsed.data, { principal, connection });
    const output = definition.output.safeParse(value);
    if (!output.success) {
      deps.logger.error('handler returned output that breaks the contract', {
        command: name,
        issue: output.error.issues[0]?.message,
      });
      return fail('internal', 'The server produced an invalid reply; the error was logged.');
    }
    return { ok: true, value: output.data };
  }

  return async (name, rawInput, principal, connection = null) => {
    let reply: Reply<unknown>;
    try {
      reply = await run(name, rawInput, principal, connection);
    } catch (error) {
      if (error instanceof CommandError) {
        const { code, message, reason } = error;
        reply = reason ? { ok: false, error: { code, message, reason } } : fail(code, message);
      } else {
        deps.logger.error('command failed', {
          command: name,
          error: error instanceof Error ? error.message : String(error),
        });
        reply = fail('internal', 'The command failed on the server; the error was logged.');
      }
    }
    calls.inc({ command: isKnown(name) ? name : 'unknown', outcome: reply.ok ? 'ok' : reply.error.code });
    return reply;
  };
}

function siteOf(input: unknown): string | null {
  if (typeof input === 'object' && input !== null && 'siteId' in input) {
    const siteId = (input as { siteId: unknown }).siteId;
    return typeof siteId === 'string' ? siteId : null;
  }
  return null;
}
