import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WorkspaceResource } from '@lathe/api';
import { describeOnEachStore, MlflowTestServer, type TestStore } from '../../testing/mlflow-test-server.js';

const WORKSPACES = '/api/v1/workspaces';

describeOnEachStore((store: TestStore) => {
  describe('workspaces over REST', () => {
    let srv: MlflowTestServer;
    before(async () => {
      srv = await MlflowTestServer.start({}, store);
    });
    after(() => srv.close());

    const put = (name: string, spec: unknown) => srv.send<WorkspaceResource>('PUT', `${WORKSPACES}/${name}`, { spec }, { 'content-type': 'application/json' });

    it('creates a workspace with its metadata, which then takes jobs and computes of its own', async () => {
      const created = await put('team-a', { display_name: 'Team A', description: 'vision', tags: { cost: 12 }, location: 'westeurope', storage_account: 'x' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { created_at, warnings, ...rest } = created.body;
      assert.ok(!Number.isNaN(Date.parse(created_at)));
      assert.deepEqual(rest, {
        name: 'team-a',
        created: true,
        display_name: 'Team A',
        description: 'vision',
        tags: { cost: '12' },
        location: 'westeurope',
        computes: ['local'],
        default_compute: 'local',
      });
      assert.deepEqual(warnings, ['spec: storage_account: recorded, not applied: Lathe keeps a workspace on its own server']);
      const cluster = await srv.send('PUT', `${WORKSPACES}/team-a/computes/cpu-cluster`, { spec: { type: 'amlcompute' } }, { 'content-type': 'application/json' });
      assert.equal(cluster.status, 201);
      const job = await srv.post(`${WORKSPACES}/team-a/jobs`, { spec: { command: 'true', compute: 'azureml:cpu-cluster' } });
      assert.equal(job.status, 201, JSON.stringify(job.body));
      assert.equal(job.body.compute, 'cpu-cluster');
      assert.deepEqual((await srv.getOk<WorkspaceResource>(`${WORKSPACES}/team-a`)).computes, ['local', 'cpu-cluster']);
    });

    it('lists created workspaces beside the ones that exist through their data, and records metadata on an existing one', async () => {
      await put('team-b', {});
      const list = await srv.getOk<{ value: WorkspaceResource[] }>(WORKSPACES);
      const names = list.value.map((w) => [w.name, w.created]);
      assert.ok(
        names.some(([n, c]) => n === 'default' && c === false),
        JSON.stringify(names),
      );
      assert.ok(
        names.some(([n, c]) => n === 'team-b' && c === true),
        JSON.stringify(names),
      );
      const described = await put('default', { description: 'the one every server has' });
      assert.equal(described.status, 200);
      assert.equal((await srv.getOk<WorkspaceResource>(`${WORKSPACES}/default`)).description, 'the one every server has');
    });

    it('answers bad input with 400 and an unknown workspace with 404', async () => {
      for (const [name, spec, message] of [
        ['a', {}, /spec: name: /],
        ['team-c', { name: 'team-d' }, /differs from the workspace named in the path/],
        ['team-c', { displayname: 'x' }, /unknown field 'displayname'/],
        ['team-c', [], /expected \{ "spec"/],
      ] as const) {
        const res = await put(name, spec);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match((res.body as unknown as { message: string }).message, message);
      }
      assert.equal((await srv.get(`${WORKSPACES}/nowhere`)).status, 404);
    });
  });
});
