import type { IngestSink } from './pipeline';

/**
 * Every feed of the central server sits behind this (DESIGN.md §1, duty 6: "every feed is an adapter behind one
 * interface"). An adapter moves bytes from its transport into the sink and knows nothing of rules or storage;
 * a new feed is data (rules, models) plus a small adapter.
 */
export interface IngestAdapter {
  readonly name: string;
  start(sink: IngestSink): Promise<void>;
  stop(): Promise<void>;
}
