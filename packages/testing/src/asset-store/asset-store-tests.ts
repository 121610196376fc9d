import assert from 'node:assert/strict';
import type { AssetKind, AssetStore, CreateAssetVersionInput, LineageEdge, MetadataStore } from '@lathe/store';
import { newWorkspace, T0, uniqueName } from '../metadata-store/store-fixtures.js';
import { rejectsWith } from '../rejects-with.js';

/** The stores under test: the asset store and the metadata store that owns its workspaces. */
export interface AssetStoreSuite {
  readonly metadata: MetadataStore;
  readonly assets: AssetStore;
  test(name: string, body: () => Promise<void>): void;
}

/** A data asset version input; `overrides` replace fields. */
function data(name: string, overrides: Partial<CreateAssetVersionInput> = {}): CreateAssetVersionInput {
  return { kind: 'data', name, spec: { type: 'uri_file', path: `blob://${'b'.repeat(64)}` }, contentHash: 'h1', createdAt: T0, ...overrides };
}

/** Versions: numbering, immutability, lookups. */
export function defineAssetVersionTests(s: AssetStoreSuite): void {
  s.test('a version omitted is one more than the greatest numeric version; explicit versions are kept as given', async () => {
    const ws = await newWorkspace(s.metadata);
    const created = async (input: CreateAssetVersionInput) => (await s.assets.createAssetVersion(ws, input)).asset.version;
    assert.equal(await created(data('d', { contentHash: 'a' })), '1');
    assert.equal(await created(data('d', { contentHash: 'b', createdAt: T0 + 1 })), '2');
    assert.equal(await created(data('d', { version: '10', contentHash: 'c', createdAt: T0 + 2 })), '10');
    assert.equal(await created(data('d', { version: 'beta', contentHash: 'd', createdAt: T0 + 3 })), 'beta');
    assert.equal(await created(data('d', { contentHash: 'e', createdAt: T0 + 4 })), '11');
    assert.equal(await created(data('other', { contentHash: 'a' })), '1');
  });

  s.test('a version is stored with its spec, name, version, content hash and time', async () => {
    const ws = await newWorkspace(s.metadata);
    const { asset, created } = await s.assets.createAssetVersion(ws, data('iris', { version: '3', spec: { type: 'uri_folder', path: 'blob://x', description: 'flowers' } }));
    const expected = {
      kind: 'data',
      name: 'iris',
      version: '3',
      spec: { type: 'uri_folder', path: 'blob://x', description: 'flowers', name: 'iris', version: '3' },
      contentHash: 'h1',
      createdAt: T0,
      archived: false,
    };
    assert.equal(created, true);
    assert.deepEqual(asset, expected);
    assert.deepEqual(await s.assets.getAssetVersion(ws, 'data', 'iris', '3'), expected);
  });

  s.test('creating a version again with the same content returns it; with other content is LATHE_CONFLICT', async () => {
    const ws = await newWorkspace(s.metadata);
    const first = await s.assets.createAssetVersion(ws, data('d', { version: '1' }));
    const again = await s.assets.createAssetVersion(ws, data('d', { version: '1', createdAt: T0 + 5 }));
    assert.deepEqual(again, { asset: first.asset, created: false });
    await rejectsWith(s.assets.createAssetVersion(ws, data('d', { version: '1', contentHash: 'other' })), 'LATHE_CONFLICT', /a version never changes/);
    assert.equal((await s.assets.getAssetVersion(ws, 'data', 'd', '1')).contentHash, 'h1');
  });

  s.test('concurrent creates of one explicit version make it once; the others get it back', async () => {
    const ws = await newWorkspace(s.metadata);
    const results = await Promise.all(Array.from({ length: 6 }, () => s.assets.createAssetVersion(ws, data('d', { version: '7' }))));
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.ok(results.every((r) => r.asset.version === '7' && r.asset.contentHash === 'h1'));
  });

  s.test('concurrent creates without a version each get a number of their own', async () => {
    const ws = await newWorkspace(s.metadata);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => s.assets.createAssetVersion(ws, data('d', { contentHash: `c${i}`, createdAt: T0 + i }))));
    assert.deepEqual(results.map((r) => r.asset.version).sort(), ['1', '2', '3', '4', '5', '6']);
    assert.equal((await s.assets.listAssetVersions(ws, 'data', 'd')).length, 6);
  });

  s.test('missing versions, names, workspaces are LATHE_NOT_FOUND', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.assets.createAssetVersion(ws, data('d', { version: '1' }));
    await rejectsWith(s.assets.getAssetVersion(ws, 'data', 'd', '2'), 'LATHE_NOT_FOUND', /d:2/);
    await rejectsWith(s.assets.getAssetVersion(ws, 'data', 'nope', '1'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.assets.getLatestAssetVersion(ws, 'data', 'nope'), 'LATHE_NOT_FOUND');
    await rejectsWith(s.assets.createAssetVersion(uniqueName('missing'), data('d')), 'LATHE_NOT_FOUND', /workspace/);
  });

  s.test('kinds and workspaces are namespaces of their own', async () => {
    const ws = await newWorkspace(s.metadata);
    const other = await newWorkspace(s.metadata);
    await s.assets.createAssetVersion(ws, data('same'));
    await s.assets.createAssetVersion(ws, data('same', { kind: 'environment', contentHash: 'env' }));
    assert.equal((await s.assets.getAssetVersion(ws, 'environment', 'same', '1')).contentHash, 'env');
    assert.equal((await s.assets.createAssetVersion(other, data('same', { contentHash: 'x' }))).created, true);
    await rejectsWith(s.assets.getAssetVersion(ws, 'component', 'same', '1'), 'LATHE_NOT_FOUND');
    assert.deepEqual(
      (await s.assets.listAssets(ws, 'environment')).map((a) => a.name),
      ['same'],
    );
  });
}

/** Latest, lists and archiving. */
export function defineAssetListTests(s: AssetStoreSuite): void {
  s.test('latest is the most recently created version that is not archived', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.assets.createAssetVersion(ws, data('d', { version: '5', contentHash: 'a', createdAt: T0 }));
    await s.assets.createAssetVersion(ws, data('d', { version: '2', contentHash: 'b', createdAt: T0 + 10 }));
    assert.equal((await s.assets.getLatestAssetVersion(ws, 'data', 'd')).version, '2');
    await s.assets.setAssetArchived(ws, 'data', 'd', '2', true);
    assert.equal((await s.assets.getLatestAssetVersion(ws, 'data', 'd')).version, '5');
    await s.assets.setAssetArchived(ws, 'data', 'd', '5', true);
    await rejectsWith(s.assets.getLatestAssetVersion(ws, 'data', 'd'), 'LATHE_NOT_FOUND', /latest/);
  });

  s.test('versions are listed newest first; names with their latest version and count, by name', async () => {
    const ws = await newWorkspace(s.metadata);
    for (const [name, version, at] of [
      ['b', '1', 1],
      ['a', '1', 2],
      ['b', '2', 3],
      ['b', '3', 4],
    ] as const) {
      await s.assets.createAssetVersion(ws, data(name, { version, contentHash: `${name}${version}`, createdAt: T0 + at }));
    }
    assert.deepEqual(
      (await s.assets.listAssetVersions(ws, 'data', 'b')).map((v) => v.version),
      ['3', '2', '1'],
    );
    assert.deepEqual(await s.assets.listAssets(ws, 'data'), [
      { kind: 'data', name: 'a', latestVersion: '1', versionCount: 1, createdAt: T0 + 2 },
      { kind: 'data', name: 'b', latestVersion: '3', versionCount: 3, createdAt: T0 + 4 },
    ]);
    assert.deepEqual(await s.assets.listAssets(ws, 'model'), []);
    assert.deepEqual(await s.assets.listAssetVersions(ws, 'data', 'none'), []);
  });

  s.test('a list and latest agree on which version is latest when times are equal', async () => {
    const ws = await newWorkspace(s.metadata);
    for (const version of ['9', '10', '2']) await s.assets.createAssetVersion(ws, data('d', { version, contentHash: version }));
    const latest = (await s.assets.getLatestAssetVersion(ws, 'data', 'd')).version;
    assert.equal((await s.assets.listAssets(ws, 'data'))[0]?.latestVersion, latest);
    assert.equal((await s.assets.listAssetVersions(ws, 'data', 'd'))[0]?.version, latest);
  });

  s.test('archiving hides versions from lists unless asked; restoring brings them back', async () => {
    const ws = await newWorkspace(s.metadata);
    for (const v of ['1', '2']) await s.assets.createAssetVersion(ws, data('d', { version: v, contentHash: v, createdAt: T0 + Number(v) }));
    await s.assets.setAssetArchived(ws, 'data', 'd', '2', true);
    assert.equal((await s.assets.getAssetVersion(ws, 'data', 'd', '2')).archived, true);
    assert.deepEqual(
      (await s.assets.listAssetVersions(ws, 'data', 'd')).map((v) => v.version),
      ['1'],
    );
    assert.deepEqual(
      (await s.assets.listAssetVersions(ws, 'data', 'd', { includeArchived: true })).map((v) => v.version),
      ['2', '1'],
    );
    await s.assets.setAssetArchived(ws, 'data', 'd', undefined, true);
    assert.deepEqual(await s.assets.listAssets(ws, 'data'), []);
    assert.deepEqual(
      (await s.assets.listAssets(ws, 'data', { includeArchived: true })).map((a) => [a.name, a.versionCount]),
      [['d', 2]],
    );
    await s.assets.setAssetArchived(ws, 'data', 'd', undefined, false);
    assert.equal((await s.assets.getLatestAssetVersion(ws, 'data', 'd')).version, '2');
    // An archived version still counts when numbering the next.
    await s.assets.setAssetArchived(ws, 'data', 'd', '2', true);
    assert.equal((await s.assets.createAssetVersion(ws, data('d', { contentHash: '3' }))).asset.version, '3');
  });

  s.test('archiving a missing version or name is LATHE_NOT_FOUND', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.assets.createAssetVersion(ws, data('d', { version: '1' }));
    await rejectsWith(s.assets.setAssetArchived(ws, 'data', 'd', '9', true), 'LATHE_NOT_FOUND');
    await rejectsWith(s.assets.setAssetArchived(ws, 'data', 'nope', undefined, true), 'LATHE_NOT_FOUND');
  });
}

/** Lineage edges between jobs and asset versions. */
export function defineLineageTests(s: AssetStoreSuite): void {
  const edge = (job: string, direction: 'input' | 'output', port: string, name: string, version = '1', kind: AssetKind = 'data'): LineageEdge => ({ job, direction, port, kind, name, version });

  s.test('lineage is queried by asset and by job; recording an edge again is harmless', async () => {
    const ws = await newWorkspace(s.metadata);
    const edges = [
      edge('train', 'input', 'training_data', 'iris'),
      edge('train', 'output', 'model', 'clf', '1', 'model'),
      edge('score', 'input', 'data', 'iris'),
      edge('score', 'input', 'model', 'clf', '1', 'model'),
    ];
    await s.assets.recordLineage(ws, edges);
    await s.assets.recordLineage(ws, edges.slice(0, 2));
    await s.assets.recordLineage(ws, []);
    assert.deepEqual(await s.assets.lineageOfAsset(ws, 'data', 'iris', '1'), [edges[2], edges[0]]);
    assert.deepEqual(await s.assets.lineageOfAsset(ws, 'model', 'clf', '1'), [edges[3], edges[1]]);
    assert.deepEqual(await s.assets.lineageOfJob(ws, 'train'), [edges[0], edges[1]]);
    assert.deepEqual(await s.assets.lineageOfJob(ws, 'score'), [edges[2], edges[3]]);
    assert.deepEqual(await s.assets.lineageOfAsset(ws, 'data', 'iris', '2'), []);
    assert.deepEqual(await s.assets.lineageOfJob(await newWorkspace(s.metadata), 'train'), []);
  });

  s.test('a job reading one version through two inputs keeps both edges', async () => {
    const ws = await newWorkspace(s.metadata);
    await s.assets.recordLineage(ws, [edge('j', 'input', 'a', 'd'), edge('j', 'input', 'b', 'd')]);
    assert.deepEqual(
      (await s.assets.lineageOfJob(ws, 'j')).map((e) => e.port),
      ['a', 'b'],
    );
  });
}
