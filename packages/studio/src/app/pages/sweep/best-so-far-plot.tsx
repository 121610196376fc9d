import { useRef } from 'react';
import type { SweepResource } from '@lathe/api';
import { metricValue } from '../../format.js';
import { scaleFor } from '../compare/axis-scale.js';
import { useWidth } from '../compare/use-width.js';
import '../compare/plot.css';
import { bestSoFar } from './best-so-far.js';

const HEIGHT = 260;
const LEFT = 64;
const RIGHT = 20;
const TOP = 14;
const BOTTOM = 40;

/**
 * The best score so far against the trial index (a step line), with every scored trial's own
 * score as a dot; the best trial's dot stands out. Contract (tests): `svg[data-testid=best-so-far]`
 * with `data-points`, a `circle.point[data-trial]` per scored trial and `path.best-line`.
 */
export function BestSoFarPlot({ sweep }: { sweep: SweepResource }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const points = bestSoFar(sweep.trials, sweep.goal);
  const xs = scaleFor(
    points.map((p) => p.index),
    { inset: true },
  );
  const ys = scaleFor(
    points.map((p) => p.score),
    { inset: true },
  );
  const plotW = Math.max(40, width - LEFT - RIGHT);
  const plotH = HEIGHT - TOP - BOTTOM;
  const px = (v: number) => LEFT + (xs.at(v) ?? 0) * plotW;
  const py = (v: number) => TOP + (1 - (ys.at(v) ?? 0)) * plotH;
  let d = '';
  points.forEach((p, i) => {
    d += i === 0 ? `M${px(p.index).toFixed(1)},${py(p.best).toFixed(1)}` : `H${px(p.index).toFixed(1)}V${py(p.best).toFixed(1)}`;
  });
  // Whole trial indexes within the trials' range: a tick at 1.5 or -2 names no trial.
  const first = points[0]?.index ?? 0;
  const last = points[points.length - 1]?.index ?? 0;
  const xTicks = xs.ticks.filter((t) => {
    const index = Number(t.label.replace(/,/g, ''));
    return Number.isInteger(index) && index >= first && index <= last;
  });

  return (
    <div ref={box} className="plot-box">
      {points.length === 0 ? (
        <p className="muted plot-empty">No trial has a score yet.</p>
      ) : (
        <svg width={width} height={HEIGHT} className="plot" data-testid="best-so-far" data-points={points.length}>
          {xTicks.map((t) => (
            <g key={`x${t.label}@${t.at}`} className="grid">
              <line x1={LEFT + t.at * plotW} x2={LEFT + t.at * plotW} y1={TOP} y2={TOP + plotH} />
              <text x={LEFT + t.at * plotW} y={TOP + plotH + 14} textAnchor="middle" className="tick">
                {t.label}
              </text>
            </g>
          ))}
          {ys.ticks.map((t) => (
            <g key={`y${t.label}@${t.at}`} className="grid">
              <line x1={LEFT} x2={LEFT + plotW} y1={TOP + (1 - t.at) * plotH} y2={TOP + (1 - t.at) * plotH} />
              <text x={LEFT - 6} y={TOP + (1 - t.at) * plotH + 3.5} textAnchor="end" className="tick">
                {t.label.length > 9 ? `${t.label.slice(0, 8)}…` : t.label}
              </text>
            </g>
          ))}
          <rect x={LEFT} y={TOP} width={plotW} height={plotH} className="frame" />
          <text x={LEFT + plotW / 2} y={HEIGHT - 6} textAnchor="middle" className="axis-title">
            trial index
          </text>
          <text transform={`translate(12 ${TOP + plotH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            {sweep.primary_metric}
          </text>
          <path d={d} className="best-line" />
          {points.map((p) => (
            <circle key={p.trial} cx={px(p.index)} cy={py(p.score)} r={5} className={p.trial === sweep.best?.trial ? 'point best' : 'point'} data-trial={p.trial}>
              <title>{`${p.trial} (#${p.index})\n${sweep.primary_metric}: ${metricValue(p.score)}\nbest so far: ${metricValue(p.best)}`}</title>
            </circle>
          ))}
        </svg>
      )}
    </div>
  );
}
