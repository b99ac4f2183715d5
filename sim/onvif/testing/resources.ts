// Asserts that a test leaves no server, socket or timer behind (handles as Node reports them).
const WATCHED = new Set(['TCPServerWrap', 'TCPSocketWrap', 'UDPWrap', 'Timeout', 'ProcessWrap', 'PipeWrap']);

export type ResourceCounts = Record<string, number>;

export function watchedResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Resources above the baseline: {} when everything started since `baseline` is gone. */
export function leakedSince(baseline: ResourceCounts): ResourceCounts {
  const now = watchedResources();
  const leaked: ResourceCounts = {};
  for (const [kind, n] of Object.entries(now)) {
    const extra = n - (baseline[kind] ?? 0);
    if (extra > 0) leaked[kind] = extra;
  }
  return leaked;
}

/** Sockets close a few ticks after destroy(); give them those ticks, then report what is still there. */
export async function settledLeaks(baseline: ResourceCounts, ticks = 50): Promise<ResourceCounts> {
  for (let i = 0; i < ticks; i++) {
    if (Object.keys(leakedSince(baseline)).length === 0) return {};
    await new Promise((resolve) => setImmediate(resolve));
  }
  return leakedSince(baseline);
}
