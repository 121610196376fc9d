import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import { paths, type CuratedEnvironmentResource } from '@lathe/api';
import { CURATED_ENVIRONMENTS, CURATED_VERSION, curatedEnvironmentSpec, findCuratedEnvironment, type CuratedEnvironment } from '@lathe/spec';

/**
 * `GET /registries/azureml/environments[/<name>]`: Azure's curated environments as Lathe runs
 * them, for `lathe environment list` and `show`. A name may carry Azure's workspace prefix
 * (`AzureML-sklearn-1.5`). Read-only, the same in every workspace.
 */
export async function curatedEnvironmentRoutes(app: FastifyInstance): Promise<void> {
  app.get(paths.curatedEnvironments(), async () => ({ value: CURATED_ENVIRONMENTS.map(toCuratedResource) }));

  app.get<{ Params: { name: string } }>(`${paths.curatedEnvironments()}/:name`, async (request) => {
    const found = findCuratedEnvironment(request.params.name);
    if (found === undefined) throw notFound('curated environment', request.params.name);
    return toCuratedResource(found);
  });
}

/** A curated environment in the shape of an environment asset version. */
export function toCuratedResource(env: CuratedEnvironment): CuratedEnvironmentResource {
  const spec = curatedEnvironmentSpec(env);
  return {
    kind: 'environment',
    name: env.name,
    version: CURATED_VERSION,
    spec,
    uris: {},
    content_hash: createHash('sha256').update(JSON.stringify(spec)).digest('hex'),
    created_at: '',
    archived: false,
    curated: true,
    description: env.description,
    image: env.image,
    packages: [...env.packages],
  };
}
