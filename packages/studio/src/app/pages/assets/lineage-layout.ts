import type { LineageGraph } from './lineage-graph.js';

/** Where each node box sits (its top-left corner) and how tall it is, and the canvas size. */
export interface LineageLayout {
  boxes: Map<string, { x: number; y: number; h: number }>;
  width: number;
  height: number;
}

/**
 * Places the graph's columns left to right, `colGap` apart, each column's boxes stacked `rowGap`
 * apart and centred on the tallest column. A box is as tall as `heights` says (what its label
 * needed when drawn), never less than `minH`, so a long name wraps inside its box instead of
 * being cut.
 */
export function layoutLineage(graph: LineageGraph, size: { nodeW: number; minH: number; colGap: number; rowGap: number }, heights: Readonly<Record<string, number>>): LineageLayout {
  const h = (id: string) => Math.max(size.minH, heights[id] ?? 0);
  const columnH = graph.columns.map((c) => c.reduce((sum, n) => sum + h(n.id), 0) + Math.max(0, c.length - 1) * size.rowGap);
  const height = Math.max(0, ...columnH);
  const boxes = new Map<string, { x: number; y: number; h: number }>();
  graph.columns.forEach((column, c) => {
    let y = (height - (columnH[c] ?? 0)) / 2;
    for (const node of column) {
      boxes.set(node.id, { x: c * (size.nodeW + size.colGap), y, h: h(node.id) });
      y += h(node.id) + size.rowGap;
    }
  });
  const width = graph.columns.length > 0 ? graph.columns.length * (size.nodeW + size.colGap) - size.colGap : 0;
  return { boxes, width, height };
}
