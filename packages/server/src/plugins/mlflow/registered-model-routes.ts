import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { canonicalStage, MODEL_STAGES, validateAliasName } from '@lathe/tracking';
import { modelVersionJson, registeredModelJson } from './registry-json.js';
import { modelNameOf, registryTagOf, registryTagsOf, searchQueryOf, versionOf } from './registry-fields.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

/**
 * MLflow's `registered-models/*` endpoints over the model registry: create, get, rename, update,
 * delete, search, get-latest-versions, set-tag, delete-tag and aliases (`POST` sets, `DELETE`
 * removes, `GET` is get-model-version-by-alias).
 */
export async function registeredModelRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const registry = scope.ctx.modelRegistry;

  app.post('/registered-models/create', async (request) => {
    const f = fieldsOf(request);
    const model = await registry.createRegisteredModel(scope.workspaceOf(request), {
      name: modelNameOf(f),
      description: f.optionalString('description') ?? null,
      tags: registryTagsOf(f),
      at: scope.now(),
    });
    return { registered_model: registeredModelJson(model) };
  });

  app.get('/registered-models/get', async (request) => {
    const model = await registry.getRegisteredModel(scope.workspaceOf(request), modelNameOf(fieldsOf(request)));
    return { registered_model: registeredModelJson(model) };
  });

  app.post('/registered-models/rename', async (request) => {
    const f = fieldsOf(request);
    const model = await registry.updateRegisteredModel(scope.workspaceOf(request), modelNameOf(f), { newName: modelNameOf(f, 'new_name'), at: scope.now() });
    return { registered_model: registeredModelJson(model) };
  });

  app.patch('/registered-models/update', async (request) => {
    const f = fieldsOf(request);
    const model = await registry.updateRegisteredModel(scope.workspaceOf(request), modelNameOf(f), { description: f.optionalString('description') ?? null, at: scope.now() });
    return { registered_model: registeredModelJson(model) };
  });

  app.delete('/registered-models/delete', async (request) => {
    await registry.deleteRegisteredModel(scope.workspaceOf(request), modelNameOf(fieldsOf(request)));
    return {};
  });

  app.get('/registered-models/search', async (request) => {
    const page = await registry.searchRegisteredModels(scope.workspaceOf(request), searchQueryOf(fieldsOf(request), 'models'));
    return { registered_models: page.items.map(registeredModelJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  });

  const latestVersions = async (request: FastifyRequest) => {
    const f = fieldsOf(request);
    const stages = new Set(f.strings('stages').map(canonicalStage));
    const model = await registry.getRegisteredModel(scope.workspaceOf(request), modelNameOf(f));
    const wanted = stages.size === 0 ? new Set(MODEL_STAGES) : stages;
    return { model_versions: model.latestVersions.filter((v) => wanted.has(v.stage)).map(modelVersionJson) };
  };
  app.post('/registered-models/get-latest-versions', latestVersions);
  app.get('/registered-models/get-latest-versions', latestVersions);

  app.post('/registered-models/set-tag', async (request) => {
    const f = fieldsOf(request);
    const tag = registryTagOf(f);
    await registry.setRegistryTag(scope.workspaceOf(request), { name: modelNameOf(f) }, tag.key, tag.value);
    return {};
  });

  app.delete('/registered-models/delete-tag', async (request) => {
    const f = fieldsOf(request);
    await registry.setRegistryTag(scope.workspaceOf(request), { name: modelNameOf(f) }, f.string('key'), null);
    return {};
  });

  app.post('/registered-models/alias', async (request) => {
    const f = fieldsOf(request);
    const alias = validateAliasName(f.string('alias'), true);
    await registry.setAlias(scope.workspaceOf(request), modelNameOf(f), alias, versionOf(f));
    return {};
  });

  app.delete('/registered-models/alias', async (request) => {
    const f = fieldsOf(request);
    await registry.setAlias(scope.workspaceOf(request), modelNameOf(f), validateAliasName(f.string('alias')), null);
    return {};
  });

  app.get('/registered-models/alias', async (request) => {
    const f = fieldsOf(request);
    const name = modelNameOf(f);
    const alias = validateAliasName(f.string('alias'));
    const version = await registry.getModelVersion(scope.workspaceOf(request), name, { alias }).catch((error: unknown) => {
      // MLflow answers an unknown alias with INVALID_PARAMETER_VALUE, not RESOURCE_DOES_NOT_EXIST.
      if (error instanceof LatheError && error.details.kind === 'alias') {
        throw new LatheError('LATHE_NOT_FOUND', error.message, { details: { ...error.details, mlflowErrorCode: 'INVALID_PARAMETER_VALUE' } });
      }
      throw error;
    });
    return { model_version: modelVersionJson(version) };
  });
}
