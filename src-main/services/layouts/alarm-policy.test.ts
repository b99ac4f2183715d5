import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_POLICY, type AlarmPolicy } from '../../../src-shared/contract/layouts';
import { policyPopsUp } from './alarm-policy';

const on: AlarmPolicy = { ...DEFAULT_ALARM_POLICY, enabled: true, kinds: ['motion', 'tamper'], cameraIds: null };

describe('policyPopsUp', () => {
  it.each<[string, AlarmPolicy, string, string, boolean]>([
    ['a listed kind, every camera', on, 'cam-1', 'motion', true],
    ['the other listed kind', on, 'cam-1', 'tamper', true],
    ['a kind the policy does not list', on, 'cam-1', 'input', false],
    ['a camera report kind no policy can list', on, 'cam-1', 'offline', false],
    ['a policy that is off', { ...on, enabled: false }, 'cam-1', 'motion', false],
    ['no kinds at all', { ...on, kinds: [] }, 'cam-1', 'motion', false],
    ['a listed camera', { ...on, cameraIds: ['cam-1', 'cam-2'] }, 'cam-2', 'tamper', true],
    ['a camera the policy does not list', { ...on, cameraIds: ['cam-1'] }, 'cam-3', 'motion', false],
    ['an empty camera list: none', { ...on, cameraIds: [] }, 'cam-1', 'motion', false],
    ['alert severity plays no part', { ...on, alertMinSeverity: 'critical' }, 'cam-1', 'motion', true],
  ])('%s', (_case, policy, cameraId, kind, popsUp) => {
    expect(policyPopsUp(policy, cameraId, kind)).toBe(popsUp);
  });
});
