/**
 * Cases the public never sees through Open311 (requests, servicerequestupdates) or the tracking pages: those the
 * centre opened itself, from an internal alert (sensor readings, uptime checks, cameras) or by an operator at a
 * workstation (sync/apply-case-create.ts) — their descriptions name internal systems, sources and camera views.
 * Publishing such a case would be a deliberate step of its own (not built yet); this list is the one place every
 * public query reads.
 */
export const INTERNAL_CHANNELS: readonly string[] = ['alert', 'workstation'];
