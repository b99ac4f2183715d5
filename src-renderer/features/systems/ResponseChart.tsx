import { useTranslation } from 'react-i18next';
import type { ResponsePoint } from '../../../src-shared/contract/alerts';
import { chartGeometry } from './systemsView';

const W = 240;
const H = 44;

/** The last day's response times of one system: a line, with red ticks where it was down. */
export function ResponseChart({ points, generatedAt }: { points: readonly ResponsePoint[]; generatedAt: string }) {
  const { t } = useTranslation();
  const to = Date.parse(generatedAt);
  const g = chartGeometry(points, W, H, to - 86_400_000, to);
  return (
    <svg
      className="sys-chart"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('systems.chartLabel', { max: Math.round(g.maxMs) })}
      data-testid="sys-chart"
      data-points={points.length}
    >
      <line x1={0} y1={H - 1} x2={W} y2={H - 1} className="sys-chart__axis" />
      {g.downX.map((x, i) => (
        <line key={i} x1={x} y1={0} x2={x} y2={H} className="sys-chart__down" />
      ))}
      {g.path ? <path d={g.path} className="sys-chart__line" /> : null}
      <text x={W - 2} y={10} textAnchor="end" className="sys-chart__label">
        {Math.round(g.maxMs)} ms
      </text>
    </svg>
  );
}
