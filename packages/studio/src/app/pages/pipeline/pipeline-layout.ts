/** One step to place: its name and the steps it reads outputs of. */
export interface LayoutInput {
  id: string;
  deps: readonly string[];
}

/** Where a node's box sits: its top-left corner, and its layer (dependency depth, 0 for sources). */
export interface NodePosition {
  x: number;
  y: number;
  layer: number;
}

export interface PipelineLayout {
  positions: Map<string, NodePosition>;
  width: number;
  height: number;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  gapX: number;
  gapY: number;
}

const DEFAULTS: LayoutOptions = { nodeWidth: 200, nodeHeight: 84, gapX: 72, gapY: 24 };

/**
 * A layered left-to-right layout: a node's layer is one more than its deepest dependency's, so
 * every edge points rightwards; within a layer nodes stack top to bottom, ordered by the mean row
 * of their dependencies (fewer crossings), then by name, so the same pipeline always draws the
 * same. Boxes never overlap: each (layer, row) holds one. Dependencies that are not nodes are
 * ignored, and a cycle (which validation rejects) is cut instead of recursing forever.
 */
export function layoutPipeline(nodes: readonly LayoutInput[], options: Partial<LayoutOptions> = {}): PipelineLayout {
  const o = { ...DEFAULTS, ...options };
  const layers = layerOf(nodes);
  const byLayer: string[][] = [];
  for (const node of nodes) (byLayer[layers.get(node.id) ?? 0] ??= []).push(node.id);
  const row = new Map<string, number>();
  const deps = new Map(nodes.map((n) => [n.id, n.deps]));
  const positions = new Map<string, NodePosition>();
  byLayer.forEach((ids, layer) => {
    const ordered = [...ids].sort((a, b) => meanRow(deps.get(a), row) - meanRow(deps.get(b), row) || a.localeCompare(b));
    ordered.forEach((id, i) => {
      row.set(id, i);
      positions.set(id, { x: layer * (o.nodeWidth + o.gapX), y: i * (o.nodeHeight + o.gapY), layer });
    });
  });
  const rows = Math.max(0, ...byLayer.map((ids) => ids.length));
  return {
    positions,
    width: byLayer.length === 0 ? 0 : byLayer.length * o.nodeWidth + (byLayer.length - 1) * o.gapX,
    height: rows === 0 ? 0 : rows * o.nodeHeight + (rows - 1) * o.gapY,
  };
}

/** Each node's dependency depth: 0 without dependencies, else 1 + the deepest dependency's. */
function layerOf(nodes: readonly LayoutInput[]): Map<string, number> {
  const deps = new Map(nodes.map((n) => [n.id, n.deps]));
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1;
    visiting.add(id);
    let depth = 0;
    for (const dep of deps.get(id) ?? []) if (deps.has(dep)) depth = Math.max(depth, visit(dep) + 1);
    visiting.delete(id);
    layer.set(id, depth);
    return depth;
  };
  for (const node of nodes) visit(node.id);
  return layer;
}

/** The mean row of the dependencies already placed; nodes without any sort first. */
function meanRow(deps: readonly string[] | undefined, row: Map<string, number>): number {
  const rows = (deps ?? []).map((d) => row.get(d)).filter((r): r is number => r !== undefined);
  return rows.length === 0 ? -1 : rows.reduce((a, b) => a + b, 0) / rows.length;
}
