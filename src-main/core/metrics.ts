type Labels = Record<string, string>;

interface Series {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
}

export interface Metrics {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  /** A gauge computed at scrape time. */
  collect(name: string, help: string, read: () => number): void;
  /** Labelled values computed at scrape time (one per live stream, …). */
  collectSeries(
    name: string,
    help: string,
    read: () => { labels: Labels; value: number }[],
    type?: 'gauge' | 'counter',
  ): void;
  render(): string;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`)
    .join(',');
}

/** A small Prometheus text-format registry: enough for counters and gauges without another dependency. */
export function createMetrics(): Metrics {
  const series = new Map<string, Series>();
  const collectors: { name: string; help: string; read: () => number }[] = [];
  const seriesCollectors: {
    name: string;
    help: string;
    type: 'gauge' | 'counter';
    read: () => { labels: Labels; value: number }[];
  }[] = [];

  function get(name: string, help: string, type: Series['type']): Series {
    let s = series.get(name);
    if (!s) {
      s = { name, help, type, values: new Map() };
      series.set(name, s);
    }
    return s;
  }

  return {
    counter(name, help) {
      const s = get(name, help, 'counter');
      return {
        inc(labels = {}, by = 1) {
          const k = key(labels);
          const cur = s.values.get(k);
          s.values.set(k, { labels, value: (cur?.value ?? 0) + by });
        },
      };
    },
    gauge(name, help) {
      const s = get(name, help, 'gauge');
      return { set: (value, labels = {}) => void s.values.set(key(labels), { labels, value }) };
    },
    collect(name, help, read) {
      collectors.push({ name, help, read });
    },
    collectSeries(name, help, read, type = 'gauge') {
      seriesCollectors.push({ name, help, type, read });
    },
    render() {
      const lines: string[] = [];
      for (const s of series.values()) {
        lines.push(`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`);
        for (const { labels, value } of s.values.values()) {
          const k = key(labels);
          lines.push(`${s.name}${k ? `{${k}}` : ''} ${value}`);
        }
      }
      for (const c of collectors)
        lines.push(`# HELP ${c.name} ${c.help}`, `# TYPE ${c.name} gauge`, `${c.name} ${c.read()}`);
      for (const c of seriesCollectors) {
        lines.push(`# HELP ${c.name} ${c.help}`, `# TYPE ${c.name} ${c.type}`);
        for (const { labels, value } of c.read()) lines.push(`${c.name}{${key(labels)}} ${value}`);
      }
      return lines.join('\n') + '\n';
    },
  };
}
