import { expect } from 'vitest';
import { createJsonLineReader } from '../../src-shared/domain/json-lines';

/** Every JSON line of a streamed reply, read chunk by chunk as a client reads it. */
export async function readJsonLines(res: Response): Promise<unknown[]> {
  return (await readJsonLinesByRead(res)).map((line) => line.value);
}

/** Every JSON line of a streamed reply with the number of the read (0, 1, 2…) that completed it. */
export async function readJsonLinesByRead(res: Response): Promise<{ value: unknown; read: number }[]> {
  const lines = createJsonLineReader();
  const decoder = new TextDecoder();
  const found: { value: unknown; read: number }[] = [];
  let read = 0;
  const take = (parsed: ReturnType<typeof lines.push>) =>
    parsed.forEach((line) => {
      expect(line.ok, `a line that is not JSON: ${line.ok ? '' : line.text}`).toBe(true);
      if (line.ok) found.push({ value: line.value, read });
    });
  const reader = res.body!.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read(), read++)
    take(lines.push(decoder.decode(part.value, { stream: true })));
  take([...lines.push(decoder.decode()), ...lines.end()]);
  return found;
}

export interface Step {
  status: string;
  processedRows: number;
  totalRows: number;
}

const PHASES = ['validating', 'writing'];

/**
 * Steps in order: checking then writing, never back; within a phase the rows done never fall, never pass the total,
 * and the total, once known, stays. Returns the steps of each phase.
 */
export function expectOrderedSteps(steps: Step[]): { validating: Step[]; writing: Step[] } {
  for (let i = 1; i < steps.length; i++) {
    const [before, now] = [steps[i - 1]!, steps[i]!];
    expect(PHASES.indexOf(now.status)).toBeGreaterThanOrEqual(PHASES.indexOf(before.status));
    if (now.status === before.status) expect(now.processedRows).toBeGreaterThanOrEqual(before.processedRows);
    if (before.totalRows > 0) expect(now.totalRows).toBe(before.totalRows);
  }
  for (const step of steps) {
    expect(PHASES).toContain(step.status);
    expect(step.processedRows).toBeLessThanOrEqual(step.totalRows);
  }
  return {
    validating: steps.filter((s) => s.status === 'validating'),
    writing: steps.filter((s) => s.status === 'writing'),
  };
}
