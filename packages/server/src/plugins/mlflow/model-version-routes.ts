import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';
import { ACTIVE_MODEL_STAGES, canonicalStage } from '@lathe/tracking';
import { createRegisteredVersion } from './create-registered-version.js';
import { registryDownloadUri } from './registry-artifacts.js';
import { modelVersionJson } from './registry-json.js';
import { modelNameOf, registryTagOf, registryTagsOf, searchQueryOf, versionOf } from './registry-fields.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

/**
 * MLflow's `model-versions/*` endpoints: create (the files become a `model` asset version's
 * snapshot), get, update, delete, search, transition-stage, set-tag, delete-tag and
 * get-download-uri (the snapshot, through the artifact proxy).
 */
export async function modelVersionRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const registry = scope.ctx.modelRegistry;

  app.post('/model-versions/create', async (request) => {
    const f = fieldsOf(request);
    const runId = f.optionalString('run_id');
    const modelId = f.optionalString('model_id');
    const runLink = f.optionalString('run_link');
    const version = await createRegisteredVersion(scope.ctx, scope.workspaceOf(request), {
      name: modelNameOf(f),
      source: f.string('source'),
      ...(runId ? { runId } : {}),
      ...(modelId ? { modelId } : {}),
      ...(runLink ? { runLink } : {}),
      description: f.optionalString('description') || null,
      tags: registryTagsOf(f),
      at: scope.now(),
    });
    return { model_version: modelVersionJson(version) };
  });

  app.get('/model-versions/get', async (request) => {
    const f = fieldsOf(request);
    return { model_version: modelVersionJson(await registry.getModelVersion(scope.workspaceOf(request), modelNameOf(f), { version: versionOf(f) })) };
  });

  app.patch('/model-versions/update', async (request) => {
    const f = fieldsOf(request);
    const patch = f.has('description') ? { description: f.optionalString('description') ?? null } : {};
    const version = await registry.updateModelVersion(scope.workspaceOf(request), modelNameOf(f), versionOf(f), { ...patch, at: scope.now() });
    return { model_version: modelVersionJson(version) };
  });

  app.delete('/model-versions/delete', async (request) => {
    const f = fieldsOf(request);
    await registry.deleteModelVersion(scope.workspaceOf(request), modelNameOf(f), versionOf(f), scope.now());
    return {};
  });

  app.get('/model-versions/search', async (request) => {
    const page = await registry.searchModelVersions(scope.workspaceOf(request), searchQueryOf(fieldsOf(request), 'versions'));
    return { model_versions: page.items.map(modelVersionJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  app.post('/model-versions/transition-stage', async (request) => {
    const f = fieldsOf(request);
    const name = modelNameOf(f);
    const version = versionOf(f);
    const stage = canonicalStage(f.string('stage'));
    const archiveExisting = f.optionalBoolean('archive_existing_versions') ?? false;
    if (archiveExisting && !ACTIVE_MODEL_STAGES.includes(stage)) {
      throw new LatheError(
        'LATHE_BAD_REQUEST',
        `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. Valid stages are ${ACTIVE_MODEL_STAGES.join(', ')}`,
      );
    }
    const updated = await registry.updateModelVersion(scope.workspaceOf(request), name, version, { stage, archiveExisting, at: scope.now() });
    return { model_version: modelVersionJson(updated) };
  });

  app.post('/model-versions/set-tag', async (request) => {
    const f = fieldsOf(request);
    const tag = registryTagOf(f);
    await registry.setRegistryTag(scope.workspaceOf(request), { name: modelNameOf(f), version: versionOf(f) }, tag.key, tag.value);
    return {};
  });

  app.delete('/model-versions/delete-tag', async (request) => {
    const f = fieldsOf(request);
    await registry.setRegistryTag(scope.workspaceOf(request), { name: modelNameOf(f), version: versionOf(f) }, f.string('key'), null);
    return {};
  });

  app.get('/model-versions/get-download-uri', async (request) => {
    const f = fieldsOf(request);
    const workspace = scope.workspaceOf(request);
    const version = await registry.getModelVersion(workspace, modelNameOf(f), { version: versionOf(f) });
    return { artifact_uri: await registryDownloadUri(scope.ctx, workspace, version) };
  });
}
