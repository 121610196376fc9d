import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { AssetKindName, LineageEdgeResource, RunRowResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { StatusBadge } from '../../components/status-badge.js';
import { Link } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { runIdFilter } from '../compare/run-id-filter.js';
import { useWidth } from '../compare/use-width.js';
import { assetPath } from './asset-kinds.js';
import { buildLineageGraph, type LineageNode } from './lineage-graph.js';
import { layoutLineage } from './lineage-layout.js';

/** Jobs drawn, each with its own lineage one step further; a version used by more says how many are left out. */
const MAX_JOBS = 16;
/** Node width: what fits the panel, within these bounds (a wider graph scrolls). */
const NODE_MIN_W = 150;
const NODE_MAX_W = 220;
const NODE_H = 46;
const COL_GAP = 88;
const ROW_GAP = 12;

/**
 * Where an asset version came from and where it went, as a left-to-right graph: the job that
 * produced it and what that job read, the jobs that read it and what they wrote. Every node
 * links to its page and carries `data-node` (`job:<name>` or `<kind>:<name>:<version>`).
 */
export function AssetLineage({ plural, kind, name, version }: { plural: string; kind: AssetKindName; name: string; version: string }) {
  const loaded = useAsync(
    async (signal) => {
      const edges = await lathe.assetLineage(plural, name, version);
      const producers = edges.filter((e) => e.direction === 'output').map((e) => e.job);
      const all = [...new Set([...producers, ...edges.filter((e) => e.direction === 'input').map((e) => e.job)])];
      const expanded = all.slice(0, MAX_JOBS);
      const jobs = new Map<string, LineageEdgeResource[]>(await Promise.all(expanded.map(async (job) => [job, await lathe.jobLineage(job)] as const)));
      const jobNames = [
        ...new Set(
          [...jobs.values()]
            .flat()
            .map((e) => e.job)
            .concat(all),
        ),
      ];
      const runs = jobNames.length ? (await lathe.queryRuns({ filter: runIdFilter(jobNames), maxResults: jobNames.length, viewType: 'ALL', signal })).value : [];
      return {
        of: `${plural}/${name}/${version}`,
        edges: edges.filter((e) => e.direction === 'output' || expanded.includes(e.job)),
        jobs,
        runs: new Map(runs.map((r) => [r.run_id, r])),
        hidden: all.length - expanded.length,
      };
    },
    [plural, name, version],
  );

  const panel = useRef<HTMLElement>(null);
  // The panel is always there to measure; its padding is 14px a side.
  const available = useWidth(panel, 1000) - 28;
  // Another version's lineage stays in `loaded` until this one's arrives; it is not drawn.
  const data = loaded.data?.of === `${plural}/${name}/${version}` ? loaded.data : undefined;
  const graph = data ? buildLineageGraph({ kind, name, version }, data.edges, data.jobs) : undefined;
  const columns = graph?.columns.length ?? 1;
  const nodeW = Math.round(Math.max(NODE_MIN_W, Math.min(NODE_MAX_W, (available - 8 - (columns - 1) * COL_GAP) / columns)));
  const canvas = useRef<HTMLDivElement>(null);
  // What the boxes' heights depend on: which nodes there are, with what labels, and how wide.
  const heights = useBoxHeights(
    canvas,
    `${nodeW}|${data ? [...data.runs.keys()].join(',') : ''}|${
      graph?.columns
        .flat()
        .map((n) => n.id)
        .join(',') ?? ''
    }`,
  );
  const {
    boxes: position,
    width,
    height,
  } = graph ? layoutLineage(graph, { nodeW, minH: NODE_H, colGap: COL_GAP, rowGap: ROW_GAP }, heights) : { boxes: new Map<string, { x: number; y: number; h: number }>(), width: 0, height: 0 };

  return (
    <section ref={panel} className="panel panel-pad" data-testid="lineage" data-state={data ? 'ready' : 'loading'}>
      <div className="section-head">
        <h2>Lineage</h2>
        <span className="muted small">what produced this version, what that read, and the jobs that used it</span>
      </div>
      <ErrorBanner error={loaded.error} what="lineage" />
      {graph && graph.columns.length === 1 ? (
        <p className="muted lineage-none">No job produced or used this version yet. Jobs that read it as an input, and the job whose output it was registered from, show here.</p>
      ) : null}
      {graph && graph.columns.length > 1 ? (
        <div className="lineage-scroll">
          <div ref={canvas} className="lineage-canvas" style={{ width, height }}>
            <svg className="lineage-links" width={width} height={height} aria-hidden="true">
              <defs>
                <marker id="lineage-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
                  <path d="M0,0 L8,4 L0,8 z" />
                </marker>
              </defs>
              {graph.links.map((l, _, links) => {
                const fanOut = (id: string) => links.filter((x) => x.from === id).length;
                const fanIn = (id: string) => links.filter((x) => x.to === id).length;
                const a = position.get(l.from);
                const b = position.get(l.to);
                if (!a || !b) return null;
                const x1 = a.x + nodeW;
                const y1 = a.y + a.h / 2;
                const x2 = b.x - 2;
                const y2 = b.y + b.h / 2;
                const bend = Math.max(24, (x2 - x1) / 2);
                return (
                  <g key={`${l.from}>${l.to}>${l.port}`} data-link={`${l.from}>${l.to}`}>
                    <path d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`} markerEnd="url(#lineage-arrow)" />
                    <text {...portLabelAt(fanOut(l.from), fanIn(l.to), { x1, y1, x2, y2 })}>{l.port}</text>
                  </g>
                );
              })}
            </svg>
            {graph.columns.flat().map((node) => {
              const at = position.get(node.id) ?? { x: 0, y: 0, h: NODE_H };
              // minHeight, not height: a label that needs more lines makes its box taller, and the
              // next layout (useBoxHeights) gives it that room.
              return <LineageBox key={node.id} node={node} run={node.kind === 'job' ? data?.runs.get(node.name) : undefined} style={{ left: at.x, top: at.y, width: nodeW, minHeight: at.h }} />;
            })}
          </div>
        </div>
      ) : null}
      {data && data.hidden > 0 ? <p className="muted small">{data.hidden} more jobs used this version; their lineage is not drawn.</p> : null}
    </section>
  );
}

/**
 * The height each node box under `canvas` (by `data-node`) needs for its content at its drawn
 * width, measured after each render where `layoutKey` changed, so the layout makes room for names
 * that wrap onto more lines (and takes it back when a wider box needs fewer).
 */
function useBoxHeights(canvas: RefObject<HTMLDivElement | null>, layoutKey: string): Record<string, number> {
  const [heights, setHeights] = useState<Record<string, number>>({});
  useLayoutEffect(() => {
    const boxes = canvas.current?.querySelectorAll<HTMLElement>('[data-node]') ?? [];
    const next: Record<string, number> = {};
    for (const box of boxes) next[box.dataset.node ?? ''] = contentHeight(box);
    setHeights((prev) => (Object.keys(next).length === Object.keys(prev).length && Object.entries(next).every(([id, h]) => prev[id] === h) ? prev : next));
  }, [canvas, layoutKey]);
  return heights;
}

/** The height of a flex column's children, gaps, padding and borders: what it needs, whatever its min-height. */
function contentHeight(box: HTMLElement): number {
  const style = getComputedStyle(box);
  const children = [...box.children] as HTMLElement[];
  const edges = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'] as const;
  const gap = (parseFloat(style.rowGap) || 0) * Math.max(0, children.length - 1);
  return Math.ceil(children.reduce((sum, c) => sum + c.offsetHeight, 0) + gap + edges.reduce((sum, e) => sum + (parseFloat(style[e]) || 0), 0));
}

/**
 * Where a port's label goes: beside the end of its link that no other link leaves or enters
 * there, so the labels of links fanning out of (or into) one box do not pile up; in the middle
 * when both ends are shared.
 */
function portLabelAt(fanOut: number, fanIn: number, at: { x1: number; y1: number; x2: number; y2: number }) {
  if (fanOut === 1) return { x: at.x1 + 8, y: at.y1 - 5, textAnchor: 'start' as const };
  if (fanIn === 1) return { x: at.x2 - 10, y: at.y2 - 5, textAnchor: 'end' as const };
  return { x: (at.x1 + at.x2) / 2, y: (at.y1 + at.y2) / 2 - 5, textAnchor: 'middle' as const };
}

function LineageBox({ node, run, style }: { node: LineageNode; run: RunRowResource | undefined; style: CSSProperties }) {
  const classes = `lnode lnode-${node.kind}${node.current ? ' current' : ''}`;
  if (node.kind === 'job') {
    const label = run?.job?.display_name || run?.run_name || node.name;
    return (
      <Link
        to={`/jobs/${encodeURIComponent(node.name)}`}
        className={classes}
        style={style}
        data-node={node.id}
        title={`${label === node.name ? '' : `${label}: `}job ${node.name}${run ? ` (${run.status})` : ''}`}
      >
        <span className="lnode-kind">
          job
          {run ? <StatusBadge status={run.status} /> : null}
        </span>
        <span className="lnode-name">{label}</span>
      </Link>
    );
  }
  const body = (
    <>
      <span className="lnode-kind">
        {node.kind}
        {node.current ? <span className="lnode-meta">this version</span> : null}
      </span>
      <span className="lnode-name">
        {node.name}
        <span className="muted">:{node.version}</span>
      </span>
    </>
  );
  const title = `${node.kind} ${node.name}:${node.version}`;
  return node.current ? (
    <div className={classes} style={style} data-node={node.id} title={title}>
      {body}
    </div>
  ) : (
    <Link to={assetPath(node.kind, node.name, node.version)} className={classes} style={style} data-node={node.id} title={title}>
      {body}
    </Link>
  );
}
