import type { AssetKindName, LineageEdgeResource } from '@lathe/api';

/** A node of an asset version's lineage: a job, or an asset version (`<kind>:<name>:<version>`). */
export interface LineageNode {
  id: string;
  kind: 'job' | AssetKindName;
  name: string;
  version?: string;
  /** The version the page shows. */
  current?: boolean;
}

/** Content flows from `from` to `to` through the job's input or output `port`. */
export interface LineageLink {
  from: string;
  to: string;
  port: string;
}

/** Columns left to right, the way content flows, and the links between their nodes. */
export interface LineageGraph {
  columns: LineageNode[][];
  links: LineageLink[];
}

export function assetNodeId(kind: string, name: string, version: string): string {
  return `${kind}:${name}:${version}`;
}

/**
 * Lays out the lineage of one asset version from its edges (`asset`) and the edges of each job
 * on them (`jobs`, where loaded): what the producing jobs read → the producing jobs → this
 * version (beside what those jobs also wrote) → the jobs that read it → what they wrote.
 * A node sits in the first column that claims it; empty columns are dropped.
 */
export function buildLineageGraph(
  current: { kind: AssetKindName; name: string; version: string },
  asset: readonly LineageEdgeResource[],
  jobs: ReadonlyMap<string, readonly LineageEdgeResource[]>,
): LineageGraph {
  const currentId = assetNodeId(current.kind, current.name, current.version);
  const placed = new Map<string, number>();
  const columns: LineageNode[][] = [[], [], [], [], []];
  const links = new Map<string, LineageLink>();
  const place = (column: number, node: LineageNode) => {
    if (placed.has(node.id)) return;
    placed.set(node.id, column);
    columns[column]?.push(node);
  };
  const assetNode = (e: LineageEdgeResource): LineageNode => ({ id: assetNodeId(e.kind, e.name, e.version), kind: e.kind, name: e.name, version: e.version });
  const jobNode = (job: string): LineageNode => ({ id: `job:${job}`, kind: 'job', name: job });
  const link = (from: string, to: string, port: string) => links.set(`${from}>${to}>${port}`, { from, to, port });

  place(2, { id: currentId, kind: current.kind, name: current.name, version: current.version, current: true });
  const producers = unique(asset.filter((e) => e.direction === 'output').map((e) => e.job));
  const consumers = unique(asset.filter((e) => e.direction === 'input').map((e) => e.job));
  for (const job of producers) {
    place(1, jobNode(job));
    for (const e of asset.filter((x) => x.job === job && x.direction === 'output')) link(`job:${job}`, currentId, e.port);
    for (const e of jobs.get(job) ?? []) {
      const node = assetNode(e);
      if (e.direction === 'input') {
        place(0, node);
        link(node.id, `job:${job}`, e.port);
      } else {
        place(2, node);
        link(`job:${job}`, node.id, e.port);
      }
    }
  }
  for (const job of consumers) {
    place(3, jobNode(job));
    for (const e of asset.filter((x) => x.job === job && x.direction === 'input')) link(currentId, `job:${job}`, e.port);
    for (const e of jobs.get(job) ?? []) {
      if (e.direction !== 'output') continue;
      const node = assetNode(e);
      place(4, node);
      link(`job:${job}`, node.id, e.port);
    }
  }
  const all = [...links.values()].filter((l) => placed.has(l.from) && placed.has(l.to));
  const byKindAndName = (a: LineageNode, b: LineageNode) =>
    Number(Boolean(b.current)) - Number(Boolean(a.current)) ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name) ||
    (a.version ?? '').localeCompare(b.version ?? '', undefined, { numeric: true });
  for (const column of columns) column.sort(byKindAndName);
  // Assets beside a job column line up with the jobs they link to, so links cross less.
  const alignTo = (column: LineageNode[], jobs: LineageNode[]) => {
    const index = new Map(jobs.map((n, i) => [n.id, i]));
    const rank = (n: LineageNode) => Math.min(...all.filter((l) => l.from === n.id || l.to === n.id).map((l) => index.get(l.from === n.id ? l.to : l.from) ?? Infinity));
    column.sort((a, b) => Number(Boolean(b.current)) - Number(Boolean(a.current)) || rank(a) - rank(b) || byKindAndName(a, b));
  };
  const [upstream, producing, middle, consuming, downstream] = columns as [LineageNode[], LineageNode[], LineageNode[], LineageNode[], LineageNode[]];
  alignTo(upstream, producing);
  alignTo(middle, producing);
  alignTo(downstream, consuming);
  return { columns: columns.filter((c) => c.length > 0), links: all };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
