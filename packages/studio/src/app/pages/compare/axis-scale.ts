import { metricValue } from '../../format.js';

/** A tick of an axis: where it is (0 to 1 along the axis) and what it says. */
export interface Tick {
  at: number;
  label: string;
}

/**
 * Places values along an axis, 0 at the low end to 1 at the high end. Numbers get a linear
 * scale over their range (rounded out to nice ticks); anything else is categorical: the distinct
 * values in order, evenly spaced. `at` is undefined for a value the axis does not hold.
 */
export interface AxisScale {
  kind: 'number' | 'category';
  at: (value: string | number | undefined) => number | undefined;
  ticks: Tick[];
}

/**
 * `inset`: keep values off the ends (a scatter's frame), numbers by widening the range by a
 * twentieth each way, categories by half a slot; parallel axes use the whole length.
 */
export function scaleFor(values: readonly (string | number | undefined)[], options: { inset?: boolean } = {}): AxisScale {
  const present = values.filter((v): v is string | number => v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return numberScale(present as number[], options.inset ?? false);
  const categories = [...new Set(present.map(String))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const n = categories.length;
  const place = (i: number) => (options.inset ? (i + 0.5) / n : n === 1 ? 0.5 : i / (n - 1));
  const index = new Map(categories.map((c, i) => [c, i]));
  return {
    kind: 'category',
    at: (v) => {
      const i = v === undefined ? undefined : index.get(String(v));
      return i === undefined ? undefined : place(i);
    },
    ticks: categories.map((label, i) => ({ at: place(i), label })),
  };
}

function numberScale(values: number[], inset: boolean): AxisScale {
  let min = Math.min(...values);
  let max = Math.max(...values);
  const pad = min === max ? Math.abs(min) * 0.1 || 1 : inset ? (max - min) / 20 : 0;
  min -= pad;
  max += pad;
  const step = niceStep((max - min) / 4);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: Tick[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push({ at: (t - lo) / (hi - lo), label: metricValue(Number(t.toPrecision(12))) });
  return { kind: 'number', at: (v) => (typeof v === 'number' && Number.isFinite(v) ? (v - lo) / (hi - lo) : undefined), ticks };
}

/** 1, 2 or 5 times a power of ten, the nearest at or above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}
