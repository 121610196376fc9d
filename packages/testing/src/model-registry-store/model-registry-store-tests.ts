import assert from 'node:assert/strict';
import type { AssetStore, MetadataStore, ModelRegistryStore, ModelVersion, SearchRegistryQuery } from '@lathe/store';
import { parseModelVersionFilter, parseModelVersionOrderBy, parseRegisteredModelFilter, parseRegisteredModelOrderBy } from '@lathe/tracking';
import { newWorkspace, T0 } from '../metadata-store/store-fixtures.js';
import { rejectsWith } from '../rejects-with.js';

/** The stores under test: the registry, the asset store it shares models with, and workspaces. */
export interface ModelRegistrySuite {
  readonly metadata: MetadataStore;
  readonly assets: AssetStore;
  readonly registry: ModelRegistryStore;
  test(name: string, body: () => Promise<void>): void;
}

const SHA = 'a'.repeat(64);
const spec = (extra: Record<string, unknown> = {}) => ({ type: 'mlflow_model', path: `blob://${SHA}`, ...extra });

/** Registers `name` and creates `count` versions through the registry; returns them. */
async function modelWithVersions(s: ModelRegistrySuite, ws: string, name: string, count: number, at = T0): Promise<ModelVersion[]> {
  await s.registry.createRegisteredModel(ws, { name, at });
  const out: ModelVersion[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await s.registry.createModelVersion(ws, { name, spec: spec(), contentHash: `h${i}`, source: `runs:/run${i}/model`, runId: `run${i}`, at: at + i + 1 }));
  }
  return out;
}

function modelsQuery(filter?: string, orderBy: string[] = [], extra: Partial<SearchRegistryQuery> = {}): SearchRegistryQuery {
  return { filter: parseRegisteredModelFilter(filter), orderBy: parseRegisteredModelOrderBy(orderBy), maxResults: 100, ...extra };
}

function versionsQuery(filter?: string, orderBy: string[] = [], extra: Partial<SearchRegistryQuery> = {}): SearchRegistryQuery {
  return { filter: parseModelVersionFilter(filter), orderBy: parseModelVersionOrderBy(orderBy), maxResults: 1000, ...extra };
}

/** Registered models: creation, names, description, tags, rename, delete. */
export function defineRegisteredModelTests(s: ModelRegistrySuite): void {
  s.test('creates a registered model with a description and tags; a name is taken once', async () => {
    const ws = await newWorkspace(s.metadata);
    const created = await s.registry.createRegisteredModel(ws, {
      name: 'iris',
      description: 'flowers',
      tags: [
        { key: 'team', value: 'a' },
        { key: 'team', value: 'b' },
      ],
      at: T0,
    });
    assert.deepEqual(created, { name: 'iris', description: 'flowers', createdAt: T0, updatedAt: T0, tags: [{ key: 'team', value: 'b' }], aliases: [], latestVersions: [] });
    assert.deepEqual(await s.registry.getRegisteredModel(ws, 'iris'), created);
    await rejectsWith(s.registry.createRegisteredModel(ws, { name: 'iris', at: T0 }), 'LATHE_CONFLICT', /Registered Model \(name=iris\) already exists/);
    await rejectsWith(s.registry.getRegisteredModel(ws, 'nope'), 'LATHE_NOT_FOUND', /Registered Model with name=nope not found/);
    const other = await newWorkspace(s.metadata);
    await rejectsWith(s.registry.getRegisteredModel(other, 'iris'), 'LATHE_NOT_FOUND');
  });

  s.test('updates the description and sets and deletes tags', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.registry.createRegisteredModel(ws, { name: 'm', at: T0 });
    const updated = await s.registry.updateRegisteredModel(ws, 'm', { description: 'new', at: T0 + 5 });
    assert.equal(updated.description, 'new');
    assert.equal(updated.updatedAt, T0 + 5);
    await s.registry.setRegistryTag(ws, { name: 'm' }, 'k', 'v1');
    await s.registry.setRegistryTag(ws, { name: 'm' }, 'k', 'v2');
    await s.registry.setRegistryTag(ws, { name: 'm' }, 'gone', 'x');
    await s.registry.setRegistryTag(ws, { name: 'm' }, 'gone', null);
    await s.registry.setRegistryTag(ws, { name: 'm' }, 'never-set', null);
    assert.deepEqual((await s.registry.getRegisteredModel(ws, 'm')).tags, [{ key: 'k', value: 'v2' }]);
    await rejectsWith(s.registry.setRegistryTag(ws, { name: 'nope' }, 'k', 'v'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.registry.updateRegisteredModel(ws, 'nope', { description: 'x', at: T0 }), 'LATHE_NOT_FOUND');
  });

  s.test('a rename carries versions, tags, aliases and asset versions along; a taken name is refused', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'old', 2);
    await s.registry.setRegistryTag(ws, { name: 'old' }, 'k', 'v');
    await s.registry.setRegistryTag(ws, { name: 'old', version: '2' }, 'vk', 'vv');
    await s.registry.setAlias(ws, 'old', 'champion', '2');
    await s.registry.createRegisteredModel(ws, { name: 'taken', at: T0 });
    await rejectsWith(s.registry.updateRegisteredModel(ws, 'old', { newName: 'taken', at: T0 }), 'LATHE_CONFLICT', /name=taken/);
    const renamed = await s.registry.updateRegisteredModel(ws, 'old', { newName: 'new', at: T0 + 9 });
    assert.equal(renamed.name, 'new');
    assert.deepEqual(renamed.tags, [{ key: 'k', value: 'v' }]);
    assert.deepEqual(renamed.aliases, [{ alias: 'champion', version: '2' }]);
    const v2 = await s.registry.getModelVersion(ws, 'new', { alias: 'champion' });
    assert.deepEqual([v2.name, v2.version, v2.tags, v2.asset.name, v2.asset.spec.name], ['new', '2', [{ key: 'vk', value: 'vv' }], 'new', 'new']);
    assert.equal((await s.assets.getAssetVersion(ws, 'model', 'new', '1')).spec.name, 'new');
    await rejectsWith(s.assets.getAssetVersion(ws, 'model', 'old', '1'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.registry.getRegisteredModel(ws, 'old'), 'LATHE_NOT_FOUND');
  });

  s.test('deleting a registered model archives its versions; the name can be registered again', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'm', 2);
    await s.registry.setAlias(ws, 'm', 'prod', '1');
    await s.registry.deleteRegisteredModel(ws, 'm');
    await rejectsWith(s.registry.getRegisteredModel(ws, 'm'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { version: '1' }), 'LATHE_NOT_FOUND');
    assert.equal((await s.assets.getAssetVersion(ws, 'model', 'm', '1')).archived, true, 'content is kept, archived');
    await rejectsWith(s.registry.deleteRegisteredModel(ws, 'm'), 'LATHE_NOT_FOUND');
    const again = await s.registry.createRegisteredModel(ws, { name: 'm', at: T0 + 10 });
    assert.deepEqual([again.aliases, again.latestVersions], [[], []]);
    const next = await s.registry.createModelVersion(ws, { name: 'm', spec: spec(), contentHash: 'x', source: 's', at: T0 + 11 });
    assert.equal(next.version, '3', 'numbers are never reused');
  });
}

/** Model versions: numbering, metadata, stages, aliases, deletion. */
export function defineModelVersionTests(s: ModelRegistrySuite): void {
  s.test('creates numbered versions of a registered model with their MLflow fields', async () => {
    const ws = await newWorkspace(s.metadata);
    await rejectsWith(s.registry.createModelVersion(ws, { name: 'none', spec: spec(), contentHash: 'h', source: 's', at: T0 }), 'LATHE_NOT_FOUND', /name=none/);
    await s.registry.createRegisteredModel(ws, { name: 'm', at: T0 });
    const v1 = await s.registry.createModelVersion(ws, {
      name: 'm',
      spec: spec(),
      contentHash: 'h',
      source: 'models:/m-1',
      runId: 'r1',
      runLink: 'http://x',
      modelId: 'm-1',
      description: 'first',
      tags: [{ key: 'a', value: '1' }],
      at: T0 + 1,
    });
    assert.deepEqual(
      { ...v1, asset: undefined },
      {
        name: 'm',
        version: '1',
        createdAt: T0 + 1,
        updatedAt: T0 + 1,
        description: 'first',
        stage: 'None',
        source: 'models:/m-1',
        runId: 'r1',
        runLink: 'http://x',
        modelId: 'm-1',
        tags: [{ key: 'a', value: '1' }],
        aliases: [],
        asset: undefined,
      },
    );
    assert.deepEqual([v1.asset.kind, v1.asset.name, v1.asset.version, v1.asset.spec.path, v1.asset.archived], ['model', 'm', '1', `blob://${SHA}`, false]);
    const v2 = await s.registry.createModelVersion(ws, { name: 'm', spec: spec(), contentHash: 'h', source: 's', at: T0 + 2 });
    assert.deepEqual([v2.version, v2.runId, v2.description, v2.tags], ['2', null, null, []]);
    assert.deepEqual(await s.registry.getModelVersion(ws, 'm', { version: '1' }), v1);
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { version: '9' }), 'LATHE_NOT_FOUND', /Model Version \(name=m, version=9\) not found/);
    assert.equal((await s.registry.getRegisteredModel(ws, 'm')).updatedAt, T0 + 2);
  });

  s.test('stage transitions archive other versions in the stage when asked; latest versions are per stage', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'm', 4);
    await s.registry.updateModelVersion(ws, 'm', '1', { stage: 'Production', at: T0 + 10 });
    await s.registry.updateModelVersion(ws, 'm', '2', { stage: 'Production', at: T0 + 11 });
    const v3 = await s.registry.updateModelVersion(ws, 'm', '3', { stage: 'Production', archiveExisting: true, at: T0 + 12 });
    assert.deepEqual([v3.stage, v3.updatedAt], ['Production', T0 + 12]);
    const stages = await Promise.all(['1', '2', '4'].map(async (v) => (await s.registry.getModelVersion(ws, 'm', { version: v })).stage));
    assert.deepEqual(stages, ['Archived', 'Archived', 'None']);
    const model = await s.registry.getRegisteredModel(ws, 'm');
    assert.deepEqual(
      model.latestVersions.map((v) => [v.version, v.stage]),
      [
        ['4', 'None'],
        ['3', 'Production'],
        ['2', 'Archived'],
      ],
    );
    assert.equal(model.updatedAt, T0 + 12);
    const described = await s.registry.updateModelVersion(ws, 'm', '4', { description: 'd', at: T0 + 13 });
    assert.deepEqual([described.description, described.stage, described.updatedAt], ['d', 'None', T0 + 13]);
    await rejectsWith(s.registry.updateModelVersion(ws, 'm', '9', { description: 'd', at: T0 }), 'LATHE_NOT_FOUND');
  });

  s.test('aliases point at one version each; latest is the newest version', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'm', 3);
    await s.registry.setAlias(ws, 'm', 'champion', '1');
    await s.registry.setAlias(ws, 'm', 'champion', '2');
    await s.registry.setAlias(ws, 'm', 'backup', '2');
    const champion = await s.registry.getModelVersion(ws, 'm', { alias: 'champion' });
    assert.deepEqual([champion.version, champion.aliases], ['2', ['backup', 'champion']]);
    assert.deepEqual((await s.registry.getRegisteredModel(ws, 'm')).aliases, [
      { alias: 'backup', version: '2' },
      { alias: 'champion', version: '2' },
    ]);
    assert.equal((await s.registry.getModelVersion(ws, 'm', { alias: 'latest' })).version, '3');
    await s.registry.setAlias(ws, 'm', 'backup', null);
    await s.registry.setAlias(ws, 'm', 'never-set', null);
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { alias: 'backup' }), 'LATHE_NOT_FOUND', /alias backup not found/);
    await rejectsWith(s.registry.setAlias(ws, 'm', 'x', '9'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.registry.setAlias(ws, 'nope', 'x', null), 'LATHE_NOT_FOUND');
    await s.registry.createRegisteredModel(ws, { name: 'empty', at: T0 });
    await rejectsWith(s.registry.getModelVersion(ws, 'empty', { alias: 'latest' }), 'LATHE_NOT_FOUND', /Latest version not found/);
  });

  s.test('version tags; deleting a version archives it and drops its aliases', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'm', 2);
    await s.registry.setRegistryTag(ws, { name: 'm', version: '1' }, 'k', 'v');
    await s.registry.setRegistryTag(ws, { name: 'm', version: '2' }, 'k', 'other');
    await s.registry.setRegistryTag(ws, { name: 'm', version: '1' }, 'k2', 'v2');
    await s.registry.setRegistryTag(ws, { name: 'm', version: '1' }, 'k2', null);
    assert.deepEqual((await s.registry.getModelVersion(ws, 'm', { version: '1' })).tags, [{ key: 'k', value: 'v' }]);
    await rejectsWith(s.registry.setRegistryTag(ws, { name: 'm', version: '7' }, 'k', 'v'), 'LATHE_NOT_FOUND');
    await s.registry.setAlias(ws, 'm', 'a', '2');
    await s.registry.deleteModelVersion(ws, 'm', '2', T0 + 50);
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { version: '2' }), 'LATHE_NOT_FOUND');
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { alias: 'a' }), 'LATHE_NOT_FOUND');
    assert.equal((await s.registry.getModelVersion(ws, 'm', { version: '2' }, { includeArchived: true })).version, '2');
    assert.equal((await s.assets.getAssetVersion(ws, 'model', 'm', '2')).archived, true);
    await rejectsWith(s.registry.deleteModelVersion(ws, 'm', '2', T0), 'LATHE_NOT_FOUND');
    const model = await s.registry.getRegisteredModel(ws, 'm');
    assert.deepEqual([model.aliases, model.latestVersions.map((v) => v.version), model.updatedAt], [[], ['1'], T0 + 50]);
  });
}

/** Lathe's own asset versions of kind `model` are the registry's versions, and the other way round. */
export function defineAssetSharingTests(s: ModelRegistrySuite): void {
  s.test('a model asset version created through the asset store is a registered model version', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.assets.createAssetVersion(ws, {
      kind: 'model',
      name: 'cli',
      version: '1',
      contentHash: 'c1',
      createdAt: T0,
      spec: { type: 'custom_model', path: `blob://${SHA}`, source_path: 'runs:/abc123/model', description: 'from the CLI', stage: 'production' },
    });
    await s.assets.createAssetVersion(ws, { kind: 'model', name: 'cli', version: 'v2-beta', contentHash: 'c2', createdAt: T0 + 1, spec: spec() });
    await s.assets.createAssetVersion(ws, { kind: 'data', name: 'cli', version: '1', contentHash: 'd', createdAt: T0, spec: { type: 'uri_folder', path: `blob://${SHA}` } });
    const model = await s.registry.getRegisteredModel(ws, 'cli');
    assert.deepEqual([model.createdAt, model.latestVersions.map((v) => v.version)], [T0, ['1']], 'a non-numeric version is not an MLflow version');
    const v1 = await s.registry.getModelVersion(ws, 'cli', { version: '1' });
    assert.deepEqual([v1.source, v1.runId, v1.description, v1.stage], ['runs:/abc123/model', 'abc123', 'from the CLI', 'Production']);
    await rejectsWith(s.registry.getModelVersion(ws, 'cli', { version: 'v2-beta' }), 'LATHE_NOT_FOUND');
    assert.equal((await s.registry.getModelVersion(ws, 'cli', { version: 'v2-beta' }, { includeArchived: true })).stage, 'None');
    const next = await s.registry.createModelVersion(ws, { name: 'cli', spec: spec(), contentHash: 'h', source: 's', at: T0 + 2 });
    assert.equal(next.version, '2');
    const listed = await s.assets.listAssetVersions(ws, 'model', 'cli');
    assert.deepEqual(listed.map((a) => a.version).sort(), ['1', '2', 'v2-beta']);
  });

  s.test('archiving hides a version from MLflow; restoring brings it and its registered model back', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'm', 2);
    await s.assets.setAssetArchived(ws, 'model', 'm', '1', true);
    await rejectsWith(s.registry.getModelVersion(ws, 'm', { version: '1' }), 'LATHE_NOT_FOUND');
    await s.registry.deleteRegisteredModel(ws, 'm');
    await s.assets.setAssetArchived(ws, 'model', 'm', undefined, false);
    const model = await s.registry.getRegisteredModel(ws, 'm');
    assert.deepEqual(
      model.latestVersions.map((v) => v.version),
      ['2'],
    );
    assert.equal((await s.registry.getModelVersion(ws, 'm', { version: '1' })).version, '1');
  });
}

/** registered-models/search and model-versions/search: filters, order, pages. */
export function defineRegistrySearchTests(s: ModelRegistrySuite): void {
  s.test('searches registered models by name and tags, in order, page by page', async () => {
    const ws = await newWorkspace(s.metadata);
    for (const [i, name] of ['beta', 'alpha', 'gamma', 'delta'].entries()) {
      await s.registry.createRegisteredModel(ws, { name, at: T0 + i, tags: i % 2 === 0 ? [{ key: 'team', value: 'vision' }] : [] });
    }
    const names = async (q: SearchRegistryQuery) => (await s.registry.searchRegisteredModels(ws, q)).items.map((m) => m.name);
    assert.deepEqual(await names(modelsQuery()), ['alpha', 'beta', 'delta', 'gamma']);
    assert.deepEqual(await names(modelsQuery("name LIKE '%ta'")), ['beta', 'delta']);
    assert.deepEqual(await names(modelsQuery("name LIKE 'G%'")), [], 'LIKE is case-sensitive');
    assert.deepEqual(await names(modelsQuery("name ILIKE 'G%'")), ['gamma']);
    assert.deepEqual(await names(modelsQuery("name != 'beta' and tags.team = 'vision'")), ['gamma']);
    assert.deepEqual(await names(modelsQuery(undefined, ['creation_timestamp DESC'])), ['delta', 'gamma', 'alpha', 'beta']);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await s.registry.searchRegisteredModels(ws, modelsQuery(undefined, ['last_updated_timestamp ASC'], { maxResults: 3, ...(pageToken ? { pageToken } : {}) }));
      seen.push(...page.items.map((m) => m.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    assert.deepEqual(seen, ['beta', 'alpha', 'gamma', 'delta']);
    await rejectsWith(s.registry.searchRegisteredModels(ws, modelsQuery(undefined, [], { pageToken: 'bogus' })), 'LATHE_BAD_REQUEST');
  });

  s.test('prompts (MLflow 3) are left out unless the filter asks for them', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.registry.createRegisteredModel(ws, { name: 'model', at: T0 });
    await s.registry.createRegisteredModel(ws, { name: 'prompt', tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }], at: T0 });
    const names = async (filter?: string) => (await s.registry.searchRegisteredModels(ws, modelsQuery(filter))).items.map((m) => m.name);
    assert.deepEqual(await names(), ['model']);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` != 'true'"), ['model']);
    assert.deepEqual(await names("tags.`mlflow.prompt.is_prompt` = 'true'"), ['prompt']);
  });

  s.test('searches model versions by name, version number, run id and tags; archived ones are left out', async () => {
    const ws = await newWorkspace(s.metadata);
    await modelWithVersions(s, ws, 'a', 3);
    await modelWithVersions(s, ws, 'b', 2, T0 + 100);
    await s.registry.setRegistryTag(ws, { name: 'b', version: '2' }, 'env', 'prod');
    await s.registry.deleteModelVersion(ws, 'a', '3', T0 + 200);
    const ids = async (q: SearchRegistryQuery) => (await s.registry.searchModelVersions(ws, q)).items.map((v) => `${v.name}/${v.version}`);
    assert.deepEqual(await ids(versionsQuery()), ['b/2', 'b/1', 'a/2', 'a/1'], 'newest update first');
    assert.deepEqual(await ids(versionsQuery("name = 'a'")), ['a/2', 'a/1']);
    assert.deepEqual(await ids(versionsQuery('version_number >= 2')), ['b/2', 'a/2']);
    assert.deepEqual(await ids(versionsQuery("run_id IN ('run0', 'nope')")), ['b/1', 'a/1']);
    assert.deepEqual(await ids(versionsQuery("source_path LIKE 'runs:/run1/%'")), ['b/2', 'a/2']);
    assert.deepEqual(await ids(versionsQuery("tags.env = 'prod'")), ['b/2']);
    assert.deepEqual(await ids(versionsQuery(undefined, ['name ASC', 'version_number ASC'])), ['a/1', 'a/2', 'b/1', 'b/2']);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await s.registry.searchModelVersions(ws, versionsQuery(undefined, [], { maxResults: 1, ...(pageToken ? { pageToken } : {}) }));
      seen.push(...page.items.map((v) => `${v.name}/${v.version}`));
      pageToken = page.nextPageToken;
    } while (pageToken);
    assert.deepEqual(seen, ['b/2', 'b/1', 'a/2', 'a/1']);
  });
}
