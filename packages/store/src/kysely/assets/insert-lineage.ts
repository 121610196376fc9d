import type { Kysely } from 'kysely';
import type { LineageEdge } from '../../asset-store.js';
import type { Database } from '../schema.js';

/**
 * Records lineage edges of a workspace, in `db` or inside a transaction; an edge already recorded
 * is left as it is.
 * @internal
 */
export async function insertLineage(db: Kysely<Database>, workspace: string, edges: readonly LineageEdge[]): Promise<void> {
  if (edges.length === 0) return;
  await db
    .insertInto('asset_lineage')
    .values(edges.map((e) => ({ workspace, ...e })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
