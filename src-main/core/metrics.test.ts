import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

describe('metrics', () => {
  it('renders counters, gauges and collected values in Prometheus text format', () => {
    const m = createMetrics();
    const c = m.counter('ioc_things_total', 'Things');
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'quote"d\nnew' });
    m.gauge('ioc_level', 'Level').set(7);
    m.collect('ioc_live', 'Live', () => 42);
    expect(m.render()).toBe(
      [
        '# HELP ioc_things_total Things',
        '# TYPE ioc_things_total counter',
        'ioc_things_total{kind="a"} 3',
        'ioc_things_total{kind="quote\\"d\\nnew"} 1',
        '# HELP ioc_level Level',
        '# TYPE ioc_level gauge',
        'ioc_level 7',
        '# HELP ioc_live Live',
        '# TYPE ioc_live gauge',
        'ioc_live 42',
        '',
      ].join('\n'),
    );
  });
});
