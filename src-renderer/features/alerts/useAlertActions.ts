import { useCallback, useState } from 'react';
import type { ClientError } from '../../bridge';
import { core } from '../../bridge';
import { applyAlert, reloadAlertFeed } from './alertFeed';

export type ActionState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'failed'; error: ClientError }
  | { status: 'escalated'; caseCode: string };

/** Acknowledge and escalate, with what the operator needs to see of each outcome. */
export function useAlertActions() {
  const [state, setState] = useState<ActionState>({ status: 'idle' });
  const acknowledge = useCallback(async (id: string, note: string) => {
    setState({ status: 'busy' });
    const result = await core.call('alerts.acknowledge', { id, note });
    if (!result.ok) return setState({ status: 'failed', error: result.error });
    applyAlert(result.value);
    if (result.value.ackPending) reloadAlertFeed();
    setState({ status: 'idle' });
  }, []);
  const escalate = useCallback(async (id: string) => {
    setState({ status: 'busy' });
    const result = await core.call('alerts.escalate', { id });
    if (!result.ok) return setState({ status: 'failed', error: result.error });
    applyAlert(result.value.alert);
    setState({ status: 'escalated', caseCode: result.value.caseCode });
  }, []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, acknowledge, escalate, reset };
}
