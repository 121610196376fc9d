import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetadataStore, WorkspaceStore } from '@lathe/store';
import { T0, jobInput, newWorkspace, uniqueName } from './metadata-store/store-fixtures.js';
import { openedOnce } from './opened-once.js';
import { rejectsWith } from './rejects-with.js';

const AML = { type: 'amlcompute', size: 'STANDARD_DS3_v2', max_instances: 2 };

/**
 * The contract suite every {@link WorkspaceStore} must pass, with the {@link MetadataStore} that
 * owns its workspaces and jobs. `open` is called once; the stores are closed after. Each test
 * works in workspaces of its own, so one database may be shared.
 *
 * @example
 * ```ts
 * describeWorkspaceStore('KyselyWorkspaceStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeWorkspaceStore(name: string, open: () => Promise<MetadataStore & { workspaces: WorkspaceStore }>): void {
  describe(name, () => {
    const opened = openedOnce(open, (store) => store.close());
    describe('workspaces', () => defineWorkspaceTests(opened));
    describe('computes', () => defineComputeTests(opened));
  });
}

type Opened = () => MetadataStore & { workspaces: WorkspaceStore };

function defineWorkspaceTests(opened: Opened): void {
  it('putWorkspace creates a workspace with its metadata and replaces the metadata when put again', async () => {
    const store = opened();
    const name = uniqueName('ws');
    const first = await store.workspaces.putWorkspace(name, { name, display_name: 'Team A' }, T0);
    assert.deepEqual(first, { name, createdAt: T0, spec: { name, display_name: 'Team A' } });
    assert.equal(await store.hasWorkspace(name), true);
    const second = await store.workspaces.putWorkspace(name, { name, description: 'moved' }, T0 + 5);
    assert.deepEqual(second, { name, createdAt: T0, spec: { name, description: 'moved' } });
  });

  it('a workspace made by putWorkspace takes jobs like any other', async () => {
    const store = opened();
    const name = uniqueName('ws');
    await store.workspaces.putWorkspace(name, { name }, T0);
    assert.equal((await store.createJob(jobInput(name, 'j1'))).status, 'Queued');
  });

  it('lists implicit workspaces without metadata beside created ones, by name', async () => {
    const store = opened();
    const implicit = await newWorkspace(store);
    const created = uniqueName('ws');
    await store.workspaces.putWorkspace(created, { name: created, location: 'westus' }, T0);
    const listed = await store.workspaces.listWorkspaces();
    assert.deepEqual(
      listed.filter((w) => w.name === implicit || w.name === created),
      [
        { name: implicit, createdAt: T0, spec: null },
        { name: created, createdAt: T0, spec: { name: created, location: 'westus' } },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    assert.deepEqual(
      listed.map((w) => w.name),
      [...listed.map((w) => w.name)].sort(),
    );
  });

  it('getWorkspace is undefined for a workspace that does not exist', async () => {
    assert.equal(await opened().workspaces.getWorkspace(uniqueName('missing')), undefined);
  });
}

function defineComputeTests(opened: Opened): void {
  it('putCompute creates a compute and replaces its limit and spec, keeping when it was created', async () => {
    const store = opened();
    const workspace = await newWorkspace(store);
    const created = await store.workspaces.putCompute({ workspace, name: 'cpu-cluster', type: 'amlcompute', maxInstances: 2, spec: AML, at: T0 });
    assert.deepEqual(created, { workspace, name: 'cpu-cluster', type: 'amlcompute', maxInstances: 2, spec: AML, createdAt: T0, updatedAt: T0 });
    const spec = { ...AML, max_instances: 5 };
    const updated = await store.workspaces.putCompute({ workspace, name: 'cpu-cluster', type: 'amlcompute', maxInstances: 5, spec, at: T0 + 9 });
    assert.deepEqual(updated, { ...created, maxInstances: 5, spec, updatedAt: T0 + 9 });
    assert.deepEqual(await store.workspaces.getCompute(workspace, 'cpu-cluster'), updated);
  });

  it('putCompute in a workspace that does not exist is LATHE_NOT_FOUND', async () => {
    const workspace = uniqueName('missing');
    await rejectsWith(opened().workspaces.putCompute({ workspace, name: 'c', type: 'amlcompute', maxInstances: 1, spec: AML, at: T0 }), 'LATHE_NOT_FOUND', /workspace/);
  });

  it("lists one workspace's computes by name, or every workspace's", async () => {
    const store = opened();
    const [a, b] = [await newWorkspace(store), await newWorkspace(store)];
    for (const [workspace, name] of [
      [a, 'zeta'],
      [a, 'alpha'],
      [b, 'gpu'],
    ] as const) {
      await store.workspaces.putCompute({ workspace, name, type: 'amlcompute', maxInstances: 1, spec: AML, at: T0 });
    }
    assert.deepEqual(
      (await store.workspaces.listComputes(a)).map((c) => c.name),
      ['alpha', 'zeta'],
    );
    const all = (await store.workspaces.listComputes()).filter((c) => c.workspace === a || c.workspace === b).map((c) => `${c.workspace}/${c.name}`);
    assert.deepEqual(all, [`${a}/alpha`, `${a}/zeta`, `${b}/gpu`].sort());
  });

  it('deleteCompute removes it once and reports whether it existed', async () => {
    const store = opened();
    const workspace = await newWorkspace(store);
    await store.workspaces.putCompute({ workspace, name: 'c1', type: 'amlcompute', maxInstances: 1, spec: AML, at: T0 });
    assert.equal(await store.workspaces.deleteCompute(workspace, 'c1'), true);
    assert.equal(await store.workspaces.getCompute(workspace, 'c1'), undefined);
    assert.equal(await store.workspaces.deleteCompute(workspace, 'c1'), false);
  });

  it("findJobsByStatus filters by workspace, so a compute's queue holds only its workspace's jobs", async () => {
    const store = opened();
    const [a, b] = [await newWorkspace(store), await newWorkspace(store)];
    await store.createJob(jobInput(a, 'on-a', { compute: 'cpu-cluster' }));
    await store.createJob(jobInput(b, 'on-b', { compute: 'cpu-cluster' }));
    const queued = await store.findJobsByStatus(['Queued'], 10, { compute: 'cpu-cluster', workspace: a });
    assert.deepEqual(
      queued.map((j) => `${j.workspace}/${j.name}`),
      [`${a}/on-a`],
    );
  });
}
