import type { RunRowResource } from '@lathe/api';

/** Colours a run can take, as CSS variables (compare.css defines them for both themes). */
export const PALETTE_SIZE = 10;

/** A run's colour, the same in every table, chart and plot of the page. */
export function runColor(slot: number): string {
  return `var(--run-${(slot % PALETTE_SIZE) + 1})`;
}

/**
 * A palette slot per run. Each run prefers the slot its id hashes to and takes the next free one
 * when that is taken, so removing a run from the comparison leaves the others' colours alone.
 */
export function assignSlots(runIds: readonly string[]): Map<string, number> {
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of runIds) {
    let hash = 0;
    for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
    let slot = hash % PALETTE_SIZE;
    for (let tries = 0; taken.has(slot) && tries < PALETTE_SIZE; tries++) slot = (slot + 1) % PALETTE_SIZE;
    taken.add(slot);
    slots.set(id, slot);
  }
  return slots;
}

/** The run ids of `?runs=a,b,c`, in order, without repeats. */
export function readRunIds(param: string | null): string[] {
  return [
    ...new Set(
      (param ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A run's name as people know it; runs sharing a name get a piece of their id to tell them apart. */
export function runLabels(rows: readonly RunRowResource[]): Map<string, string> {
  const base = (r: RunRowResource) => r.job?.display_name || r.run_name || r.run_id;
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(base(r), (seen.get(base(r)) ?? 0) + 1);
  return new Map(rows.map((r) => [r.run_id, (seen.get(base(r)) ?? 0) > 1 ? `${base(r)} (${r.run_id.slice(-6)})` : base(r)]));
}

/** What every part of the page needs to draw a run the same way. */
export interface CompareRun {
  row: RunRowResource;
  label: string;
  color: string;
}
