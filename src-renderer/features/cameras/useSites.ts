import { useMemo } from 'react';
import type { Site } from '../../../src-shared/contract';
import { useCommand } from '../../bridge';

/** Sites the user may act on, for the filter and the dialog; empty if they cannot be read. */
export function useSites(): { sites: readonly Site[]; siteName: (id: string) => string | undefined } {
  const { state } = useCommand('sites.list', {});
  return useMemo(() => {
    const sites = state.status === 'done' && state.result.ok ? state.result.value : [];
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return { sites, siteName: (id: string) => names.get(id) };
  }, [state]);
}
