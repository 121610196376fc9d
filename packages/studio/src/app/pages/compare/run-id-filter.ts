/**
 * The run search filter that selects exactly these runs: `attributes.run_id IN ('a', 'b')`.
 * MLflow's grammar has no escapes inside quotes, so an id holding a single quote is written in
 * double quotes (run ids and job names hold neither in practice).
 */
export function runIdFilter(runIds: readonly string[]): string {
  return `attributes.run_id IN (${runIds.map((id) => (id.includes("'") ? `"${id}"` : `'${id}'`)).join(', ')})`;
}
