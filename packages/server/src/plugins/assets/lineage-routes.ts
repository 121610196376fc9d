import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LatheError } from '@lathe/core';
import type { AssetKind, LineageEdge } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import { kindOfPlural } from './asset-kinds.js';

/** A node of the lineage graph: a job or an asset version. */
export interface LineageNode {
  /** `job:<name>` or `<kind>:<name>:<version>`. */
  id: string;
  type: 'job' | AssetKind;
  name: string;
  version?: string;
  /** Jobs only. */
  status?: string;
}

/** Data flows along an edge: an asset version into the job that read it, a job into what it produced. */
export interface LineageGraphEdge {
  from: string;
  to: string;
  /** The job's input or output name. */
  port: string;
}

const MAX_DEPTH = 10;

const LineageQuery = Type.Object({
  job: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  depth: Type.Optional(Type.String()),
});
type LineageQuery = Static<typeof LineageQuery>;

/**
 * `GET /lineage?job=<name>` or `?kind=<plural>&name=<n>&version=<v>`: the lineage graph around a
 * job or an asset version, both ways (where it came from and what used it), `depth` hops
 * (default 3, at most 10), for Studio.
 */
export async function lineageRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: { workspace: string }; Querystring: LineageQuery }>('/lineage', { schema: { querystring: LineageQuery } }, async (request) => {
    const { workspace } = request.params;
    const { job, kind, name, version } = request.query;
    const depth = request.query.depth === undefined ? 3 : Number(request.query.depth);
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new LatheError('LATHE_BAD_REQUEST', `depth: expected an integer from 1 to ${MAX_DEPTH}`);
    const nodes = new Map<string, LineageNode>();
    const edges = new Map<string, LineageGraphEdge>();
    let frontier: string[] = [];
    if (job !== undefined) {
      if ((await ctx.store.getJob(workspace, job)) === undefined) throw new LatheError('LATHE_NOT_FOUND', `job '${job}' not found`, { details: { kind: 'job', name: job } });
      frontier = [`job:${job}`];
    } else if (kind !== undefined && name !== undefined && version !== undefined) {
      const asset = await ctx.registry.getAssetVersion(workspace, kindOfPlural(kind), name, version);
      frontier = [assetId(asset.kind, asset.name, asset.version)];
    } else {
      throw new LatheError('LATHE_BAD_REQUEST', 'expected ?job=<name> or ?kind=<plural>&name=<name>&version=<version>');
    }
    const seen = new Set<string>();
    for (let hop = 0; hop <= depth && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (seen.has(id)) continue;
        seen.add(id);
        const found = id.startsWith('job:') ? await ctx.registry.lineageOfJob(workspace, id.slice(4)) : await ctx.registry.lineageOfAsset(workspace, ...(id.split(':') as [AssetKind, string, string]));
        if (hop === depth) continue;
        for (const edge of found) {
          const a = assetId(edge.kind, edge.name, edge.version);
          const j = `job:${edge.job}`;
          nodes.set(a, { id: a, type: edge.kind, name: edge.name, version: edge.version });
          nodes.set(j, { id: j, type: 'job', name: edge.job });
          addEdge(edges, edge, a, j);
          next.push(id === a ? j : a);
        }
      }
      frontier = next;
    }
    for (const id of frontier.concat(job !== undefined ? [`job:${job}`] : [])) {
      if (!nodes.has(id) && id.startsWith('job:')) nodes.set(id, { id, type: 'job', name: id.slice(4) });
    }
    for (const node of nodes.values()) {
      if (node.type === 'job') node.status = (await ctx.store.getJob(workspace, node.name))?.status ?? 'unknown';
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  });
}

function assetId(kind: AssetKind, name: string, version: string): string {
  return `${kind}:${name}:${version}`;
}

function addEdge(edges: Map<string, LineageGraphEdge>, edge: LineageEdge, asset: string, job: string): void {
  const [from, to] = edge.direction === 'input' ? [asset, job] : [job, asset];
  edges.set(`${from}>${to}>${edge.port}`, { from, to, port: edge.port });
}
