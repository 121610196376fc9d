import { useMemo, useRef, useState } from 'react';
import type { SweepResource } from '@lathe/api';
import { metricValue } from '../../format.js';
import { ParallelAxes, type ParallelAxis, type ParallelLine } from '../compare/parallel-axes.js';
import { useWidth } from '../compare/use-width.js';
import { parameterNames, parameterPlotValue, parameterText, parametersOf, scoreOf } from './trial-parameters.js';

/** The score axis's id; parameter axes are `param:<name>`. */
const SCORE_AXIS = 'score';

/**
 * The trials' parameters against their score: an axis per parameter (numbers on a linear scale,
 * text and sub-spaces as categories) and the primary metric last, a line per trial. The best
 * trial is drawn in the accent colour, trials without a score break off before the score axis.
 */
export function SweepParallelCoordinates({ sweep }: { sweep: SweepResource }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<string>();
  const { axes, lines } = useMemo(() => plotOf(sweep), [sweep]);
  return (
    <div ref={box} className="plot-box">
      {lines.length === 0 ? <p className="muted plot-empty">No trials yet.</p> : <ParallelAxes axes={axes} lines={lines} width={width} hover={hover} onHover={setHover} />}
    </div>
  );
}

function plotOf(sweep: SweepResource): { axes: ParallelAxis[]; lines: ParallelLine[] } {
  const names = parameterNames(sweep.trials);
  const axes: ParallelAxis[] = [...names.map((name) => ({ id: `param:${name}`, title: name, group: 'param' })), { id: SCORE_AXIS, title: sweep.primary_metric, group: sweep.goal }];
  const lines = sweep.trials.map((trial): ParallelLine => {
    const parameters = parametersOf(trial);
    const score = scoreOf(trial);
    const best = trial.name === sweep.best?.trial;
    return {
      id: trial.name,
      color: best ? 'var(--trial-best)' : score === null ? 'var(--trial-unscored)' : 'var(--trial-line)',
      values: [...names.map((name) => parameterPlotValue(parameters[name])), score ?? undefined],
      tooltip: `${trial.name}\n${names.map((name) => `${name}: ${parameterText(parameters[name])}`).join('\n')}\n${sweep.primary_metric}: ${metricValue(score)}`,
      className: best ? 'best' : undefined,
    };
  });
  // The best trial last, so its line is drawn over the others.
  lines.sort((a, b) => Number(a.className === 'best') - Number(b.className === 'best'));
  return { axes, lines };
}
