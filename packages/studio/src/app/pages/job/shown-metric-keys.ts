/** Charts that load with the metrics tab; the rest when they scroll near the viewport. */
export const EAGER_CHARTS = 6;

/** The metric keys the metrics tab shows, in its order: by name, those containing `filter`. */
export function shownMetricKeys(keys: readonly string[], filter: string): string[] {
  const needle = filter.trim().toLowerCase();
  return [...keys].sort((a, b) => a.localeCompare(b)).filter((k) => !needle || k.toLowerCase().includes(needle));
}
