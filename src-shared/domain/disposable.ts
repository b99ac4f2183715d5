/** Anything that owns a process, socket, timer or file handle, and must release it. */
export interface Disposable {
  dispose(): Promise<void> | void;
}

/** Disposes in reverse creation order, collecting every failure instead of stopping at the first. */
export async function disposeAll(items: readonly Disposable[]): Promise<void> {
  const errors: unknown[] = [];
  for (const item of [...items].reverse()) {
    try {
      await item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} disposer(s) failed`);
}
