import { commands, type CommandName, type CommandOutput } from '../../src-shared/contract';
import { fail, ok, type Result } from './result';

/** Checks a command's reply against the contract's output schema before any UI code sees it. */
export function parseOutput<N extends CommandName>(name: N, value: unknown): Result<CommandOutput<N>> {
  const parsed = commands[name].output.safeParse(value);
  if (!parsed.success) return fail('bad_response', `${name}: ${parsed.error.message}`);
  // TypeScript cannot correlate `commands[name]` with `N` through the indexed union; the schema was just checked.
  return ok(parsed.data as CommandOutput<N>);
}
