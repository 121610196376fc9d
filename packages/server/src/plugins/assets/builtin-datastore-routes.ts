import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import type { BuiltinDatastoreResource } from '@lathe/api';
import { BUILTIN_DATASTORES } from '@lathe/jobs';

const DESCRIPTIONS: Record<(typeof BUILTIN_DATASTORES)[number], string> = {
  workspaceblobstore: "the workspace's default store: uploaded code, data and job outputs",
  workspacefilestore: 'a file share of the workspace',
  workspaceartifactstore: 'run artifacts and logs',
  workspaceworkingdirectory: "the notebooks' working directory",
};

/**
 * `GET …/builtin-datastores[/<name>]`: Azure ML's built-in datastores, which every workspace
 * has and `azureml://datastores/<name>/paths/…` reaches without creating them. Read-only; for
 * `lathe datastore list` and `show`.
 */
export async function builtinDatastoreRoutes(app: FastifyInstance): Promise<void> {
  // Inside the workspace scope: paths.builtinDatastores(ws) minus the workspace prefix.
  const route = '/builtin-datastores';
  app.get(route, async () => ({ value: BUILTIN_DATASTORES.map(toBuiltinResource) }));
  app.get<{ Params: { name: string } }>(`${route}/:name`, async (request) => {
    const name = BUILTIN_DATASTORES.find((n) => n === request.params.name);
    if (name === undefined) throw notFound('built-in datastore', request.params.name);
    return toBuiltinResource(name);
  });
}

function toBuiltinResource(name: (typeof BUILTIN_DATASTORES)[number]): BuiltinDatastoreResource {
  const description = `Built in: ${DESCRIPTIONS[name]}`;
  const spec = { name, type: 'local', description };
  return {
    kind: 'datastore',
    name,
    version: '1',
    spec,
    // A datastore's spec names no stored content.
    uris: {},
    content_hash: createHash('sha256').update(JSON.stringify(spec)).digest('hex'),
    created_at: '',
    archived: false,
    builtin: true,
    description,
  };
}
