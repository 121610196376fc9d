import type { FastifyInstance } from 'fastify';
import { resolveOutputAsset } from './run-outputs.js';

/** Where the data plane is mounted, before the workspace's ARM path. */
export const DATA_PLANE_PREFIX = '/data/v1.0';

const BatchBody = {
  type: 'object',
  required: ['values'],
  properties: { values: { type: 'array', maxItems: 1000, items: { type: 'string', maxLength: 1024 } } },
};

/**
 * The one data-plane call the Azure ML SDK makes for `jobs.download(output_name=…)` and
 * `all=True`: `dataversion/batchGetResolvedUris` turns the asset ids of a run's named outputs
 * (`runMetadata.outputs`) into datastore URIs it then downloads from. Ids this server did not
 * hand out are left out of the answer, as the SDK expects of ids it cannot resolve.
 */
export async function dataPlaneRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { values: string[] } }>('/dataversion/batchGetResolvedUris', { schema: { body: BatchBody } }, async (request) => {
    const values: Record<string, { uri: string; type: string }> = {};
    for (const id of request.body.values) {
      const uri = resolveOutputAsset(id);
      if (uri !== undefined) values[id] = { uri, type: 'UriFolder' };
    }
    return { values };
  });
}
