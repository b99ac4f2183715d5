import type { AlarmPolicy } from '../../../src-shared/contract/layouts';

/**
 * Whether a display with this alarm policy pops up camera `cameraId`'s event of kind `kind`: the policy is on, lists
 * the kind, and takes every camera or lists this one. A kind no policy can list (a camera report's `offline`) never
 * pops up.
 */
export function policyPopsUp(policy: AlarmPolicy, cameraId: string, kind: string): boolean {
  return (
    policy.enabled &&
    policy.kinds.some((k) => k === kind) &&
    (policy.cameraIds === null || policy.cameraIds.includes(cameraId))
  );
}
