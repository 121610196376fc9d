import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { absoluteTime, duration, metricValue } from '../format.js';
import './metric-chart.css';

export type MetricXAxis = 'step' | 'time' | 'relative';

/**
 * One line of a chart: a run's metric as the series endpoint returns it (values may be
 * 'NaN'/'Infinity'). `timestamps` are needed for the time axes only.
 */
export interface MetricSeries {
  label: string;
  steps: number[];
  timestamps?: number[] | undefined;
  values: (number | string)[];
}

export interface MetricChartProps {
  title: string;
  series: MetricSeries[];
  xAxis: MetricXAxis;
  /** EMA weight, 0 (off) to 0.99; the raw line stays, faint. */
  smoothing: number;
  logScale: boolean;
  height?: number;
  /** The label of a series to draw over the others, wider; the others are drawn thin and faint. */
  highlight?: string | undefined;
}

type Column = (number | null | undefined)[];

/**
 * A metric over steps or time, one line per series, drawn by uPlot on a canvas: columns go to
 * uPlot as they are (no per-point objects), smoothing is one pass, and uPlot thins the path per
 * pixel, so 100,000+ points draw in milliseconds. Non-finite values (and values ≤ 0 on a log
 * scale) are gaps. Drag zooms, double-click resets; charts with the same x axis share a cursor.
 *
 * Contract (tests, benchmark): the wrapper has `data-testid="metric-chart"`, `data-key={title}`,
 * `data-points` (points across series), `data-series` (lines drawn, smoothing aside) and
 * `data-state`, `loading` until uPlot has drawn the current data, then `ready`; with
 * `highlight`, `data-highlight` names the emphasised series.
 */
export function MetricChart({ title, series, xAxis, smoothing, logScale, height = 220, highlight }: MetricChartProps) {
  const plotBox = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const zoomed = useRef(false);
  const [drawn, setDrawn] = useState(false);
  const theme = useThemeVersion();
  const smoothed = smoothing > 0;
  const data = useMemo(() => chartData(series, xAxis, logScale, smoothing), [series, xAxis, logScale, smoothing]);
  const points = useMemo(() => series.reduce((n, s) => n + s.values.length, 0), [series]);
  // What uPlot fixes at creation; anything else changes through setData.
  const shape = JSON.stringify([xAxis, logScale, smoothed, height, theme, series.map((s) => s.label), highlight]);

  useEffect(() => {
    const el = plotBox.current as HTMLDivElement;
    setDrawn(false);
    zoomed.current = false;
    const colors = readColors(el);
    const opts = chartOptions({ labels: series.map((s) => s.label), xAxis, logScale, smoothed, height, width: el.clientWidth, colors, highlight });
    opts.hooks = {
      draw: [() => setDrawn(true)],
      setCursor: [(u) => showReadout(readout.current, u, xAxis, smoothed, colors, highlight)],
      setData: [(u) => showReadout(readout.current, u, xAxis, smoothed, colors, highlight)],
      setSelect: [() => (zoomed.current = true)],
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    showReadout(readout.current, u, xAxis, smoothed, colors, highlight);
    const unzoom = () => (zoomed.current = false);
    u.over.addEventListener('dblclick', unzoom);
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== u.width) u.setSize({ width: el.clientWidth, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.over.removeEventListener('dblclick', unzoom);
      u.destroy();
      plot.current = undefined;
    };
    // Data reaches an existing plot through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    const u = plot.current;
    if (!u || u.data === data) return;
    setDrawn(false);
    // A zoomed-in view stays put while live points arrive.
    u.setData(data, !zoomed.current);
  }, [data]);

  return (
    <div
      className="metric-chart panel"
      data-testid="metric-chart"
      data-key={title}
      data-points={points}
      data-series={series.length}
      data-highlight={highlight}
      data-state={drawn ? 'ready' : 'loading'}
    >
      <div className="metric-chart-head">
        <span className="metric-chart-title" title={title}>
          {title}
        </span>
        <div className="metric-chart-readout" ref={readout} />
      </div>
      <div className="metric-chart-plot" ref={plotBox} style={{ height }} />
    </div>
  );
}

/** Bumps when the theme changes, so colours read from CSS variables are read again. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    window.addEventListener('lathe:theme', bump);
    return () => window.removeEventListener('lathe:theme', bump);
  }, []);
  return version;
}

interface Colors {
  muted: string;
  grid: string;
  font: string;
  series: string[];
  /** `--chart-highlight`, the highlighted series' colour where the page sets one; else its own. */
  highlight: string | undefined;
}

function readColors(el: HTMLElement): Colors {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const series = [];
  for (let i = 1; i <= 10; i++) series.push(v(`--chart-${i}`, '#2563eb'));
  return { muted: v('--muted', '#667085'), grid: v('--border', '#e1e4ea'), font: `11px ${style.fontFamily}`, series, highlight: style.getPropertyValue('--chart-highlight').trim() || undefined };
}

/** Colour of series `i` (a single series takes the accent-like first colour). */
function colorOf(colors: Colors, i: number): string {
  return colors.series[i % colors.series.length] as string;
}

function chartOptions(o: { labels: string[]; xAxis: MetricXAxis; logScale: boolean; smoothed: boolean; height: number; width: number; colors: Colors; highlight: string | undefined }): uPlot.Options {
  const { colors } = o;
  const axis = (extra: uPlot.Axis): uPlot.Axis => ({
    stroke: colors.muted,
    font: colors.font,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1, size: 4 },
    ...extra,
  });
  const series: uPlot.Series[] = [{ label: o.xAxis }];
  o.labels.forEach((label, i) => {
    const highlighted = o.highlight !== undefined && label === o.highlight;
    const stroke = highlighted ? (colors.highlight ?? colorOf(colors, i)) : colorOf(colors, i);
    if (o.smoothed) series.push({ label: `${label} (raw)`, class: 'metric-raw', stroke, width: 1, alpha: 0.25, points: { show: false }, spanGaps: false });
    // uPlot shows points only where they are sparse enough to see, so values between gaps stay visible.
    const emphasis = o.highlight === undefined ? {} : highlighted ? { width: 3 } : { width: 1, alpha: 0.5 };
    series.push({ label, stroke, width: 1.5, spanGaps: false, ...emphasis });
  });
  return {
    width: Math.max(o.width, 100),
    height: o.height,
    ms: 1,
    legend: { show: false },
    padding: [8, 12, 0, 0],
    cursor: { sync: { key: `lathe-metric-${o.xAxis}` }, points: { size: 6 }, drag: { x: true, y: false } },
    scales: {
      x: { time: o.xAxis === 'time' },
      y: o.logScale ? { distr: 3, log: 10 } : {},
    },
    axes: [
      axis({ size: 30, values: X_LABELS[o.xAxis], ...(o.xAxis === 'relative' ? { incrs: DURATION_INCRS } : o.xAxis === 'step' ? { incrs: STEP_INCRS } : {}) }),
      axis({ values: (_u, splits) => splits.map(tick), size: 52 }),
    ],
    series,
  };
}

/** x labels on one line: steps, clock time at the precision of the tick spacing (ms), or elapsed time. */
const X_LABELS: Record<MetricXAxis, uPlot.Axis.DynamicValues> = {
  step: (_u, splits) => splits.map(tick),
  time: (_u, splits, _axis, _space, incr) => splits.map((t) => (t === null ? '' : clock(t, incr))),
  relative: (_u, splits) => splits.map(shortDuration),
};

function clock(ms: number, incr: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (incr >= 86_400_000) return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const day = incr >= 3_600_000 ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` : '';
  return incr < 60_000 ? `${hm}:${pad(d.getSeconds())}` : `${day}${hm}`;
}

/** Steps are whole numbers: ticks at 1, 2, 5, 10, 20, 50, … never 2.5. */
const STEP_INCRS = Array.from({ length: 16 }, (_, i) => [1, 2, 5].map((m) => m * 10 ** i)).flat();

const DURATION_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 172800, 604800];

/** An axis label: short, exponent for the very large or small; none for a split a log axis skips. */
function tick(value: number | null): string {
  if (value === null) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(1).replace('e+', 'e');
  if (abs >= 1e4) return `${Number((value / 1000).toPrecision(4))}k`;
  return String(Number(value.toPrecision(5)));
}

function shortDuration(seconds: number | null): string {
  if (seconds === null) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s / 60}m`;
  if (s < 86400) return s % 3600 ? `${Math.floor(s / 3600)}h${Math.round((s % 3600) / 60)}m` : `${s / 3600}h`;
  return `${Number((s / 86400).toFixed(1))}d`;
}

/**
 * uPlot's columns: x, then per series (raw, smoothed) when smoothing, else (raw). Each series is
 * put in x order (time may disagree with step order); several series are outer-joined on x.
 */
function chartData(series: MetricSeries[], xAxis: MetricXAxis, logScale: boolean, smoothing: number): uPlot.AlignedData {
  const tables = series.map((s) => {
    let x = xAxis === 'step' ? s.steps : (s.timestamps ?? []);
    let values = s.values;
    const order = sortOrder(x);
    if (order) {
      x = order.map((i) => x[i] as number);
      values = order.map((i) => values[i] as number | string);
    }
    if (xAxis === 'relative') {
      const start = x[0] ?? 0;
      x = x.map((t) => (t - start) / 1000);
    }
    const y = numbers(values, logScale);
    return (smoothing > 0 ? [x, y, ema(y, smoothing)] : [x, y]) as uPlot.AlignedData;
  });
  if (tables.length === 0) return [[]];
  if (tables.length === 1) return tables[0] as uPlot.AlignedData;
  return uPlot.join(tables);
}

/** The permutation that sorts `x` (stable), or undefined when it is already in order. */
function sortOrder(x: number[]): number[] | undefined {
  for (let i = 1; i < x.length; i++) {
    if ((x[i] as number) < (x[i - 1] as number)) return x.map((_, j) => j).sort((a, b) => (x[a] as number) - (x[b] as number) || a - b);
  }
  return undefined;
}

/** Values as numbers, non-finite (and ≤ 0 on a log scale) as null gaps; the input itself when it needs nothing. */
function numbers(values: (number | string)[], logScale: boolean): Column {
  const clean = (v: number | string) => typeof v === 'number' && Number.isFinite(v) && (!logScale || v > 0);
  if (values.every(clean)) return values as number[];
  return values.map((v) => (clean(v) ? (v as number) : null));
}

/** Debiased exponential moving average (TensorBoard's), skipping gaps; one pass. */
function ema(values: Column, weight: number): Column {
  const out: Column = new Array(values.length);
  let last = 0;
  let decay = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    decay *= weight;
    out[i] = last / (1 - decay);
  }
  return out;
}

/**
 * Writes the value(s) under the cursor into the header, or the latest ones when the cursor is
 * away. Plain DOM: it runs on every mouse move and must not re-render React.
 */
function showReadout(el: HTMLElement | null, u: uPlot, xAxis: MetricXAxis, smoothed: boolean, colors: Colors, highlight: string | undefined): void {
  if (!el) return;
  const xs = u.data[0];
  const hovered = u.cursor.idx;
  el.replaceChildren();
  if (xs.length === 0) return;
  const head = document.createElement('span');
  head.className = 'muted';
  if (hovered === null || hovered === undefined) head.textContent = 'latest';
  else {
    const x = xs[hovered] as number;
    head.textContent = xAxis === 'step' ? `step ${x.toLocaleString('en-US')}` : xAxis === 'time' ? absoluteTime(x) : duration(x);
  }
  el.append(head);
  const perSeries = smoothed ? 2 : 1;
  const count = (u.data.length - 1) / perSeries;
  for (let s = 0; s < count; s++) {
    const index = 1 + s * perSeries + (perSeries - 1);
    const column = u.data[index] as Column;
    const at = hovered === null || hovered === undefined ? lastValueIndex(column) : (u.cursor.idxs?.[index] ?? hovered);
    const value = at === null || at < 0 ? undefined : column[at];
    if (value === null || value === undefined) continue;
    const item = document.createElement('span');
    item.className = 'metric-chart-value';
    if (count > 1) {
      const swatch = document.createElement('i');
      const label = String(u.series[index]?.label ?? '');
      swatch.style.background = label === highlight && colors.highlight ? colors.highlight : colorOf(colors, s);
      item.append(swatch, `${label} `);
    }
    const strong = document.createElement('b');
    strong.textContent = metricValue(value);
    item.append(strong);
    if (hovered === null || hovered === undefined) {
      const x = xs[at as number] as number;
      item.title = xAxis === 'step' ? `step ${x}` : xAxis === 'time' ? absoluteTime(x) : duration(x);
    }
    el.append(item);
  }
}

function lastValueIndex(column: Column): number {
  let i = column.length - 1;
  while (i >= 0 && (column[i] === null || column[i] === undefined)) i--;
  return i;
}
