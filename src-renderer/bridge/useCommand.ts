import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract';
import { core } from './client';
import type { Result } from './result';

export type CommandState<T> = { status: 'loading' } | { status: 'done'; result: Result<T> };

/** Calls a command when mounted (and again when its input changes or `reload` is called). */
export function useCommand<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
): { state: CommandState<CommandOutput<N>>; reload: () => void } {
  const [state, setState] = useState<CommandState<CommandOutput<N>>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // Inputs are small plain objects; their JSON is a stable dependency where their identity is not.
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void core.call(name, JSON.parse(inputKey) as CommandInput<N>).then((result) => {
      if (live) setState({ status: 'done', result });
    });
    return () => {
      live = false;
    };
  }, [name, inputKey, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { state, reload };
}
