import type { CompareRun } from './compare-runs.js';

/** The runs' colours under a plot; pointing at a run highlights it in the plot. */
export function RunLegend({ runs, hover, onHover }: { runs: CompareRun[]; hover: string | undefined; onHover: (runId: string | undefined) => void }) {
  return (
    <ul className="run-legend" onMouseLeave={() => onHover(undefined)}>
      {runs.map((r) => (
        <li key={r.row.run_id} className={hover === r.row.run_id ? 'hovered' : undefined} onMouseEnter={() => onHover(r.row.run_id)} data-run={r.row.run_id}>
          <span className="swatch" style={{ background: r.color }} />
          {r.label}
        </li>
      ))}
    </ul>
  );
}
