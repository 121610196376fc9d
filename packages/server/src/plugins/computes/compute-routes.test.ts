import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ComputeResource, JobResource } from '@lathe/api';
import { describeOnEachStore, MlflowTestServer, type TestStore } from '../../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';
const CLUSTER = { $schema: 'https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json', type: 'amlcompute', size: 'STANDARD_DS3_v2', max_instances: 1, location: 'westus' };

describeOnEachStore((store: TestStore) => {
  describe('computes over REST', () => {
    let srv: MlflowTestServer;
    before(async () => {
      srv = await MlflowTestServer.start({}, store);
    });
    after(() => srv.close());

    const put = (name: string, spec: unknown, ws = WS) => srv.send<ComputeResource>('PUT', `${ws}/computes/${name}`, { spec }, { 'content-type': 'application/json' });
    const submit = async (name: string, command: string, compute: string) => {
      const res = await srv.post<JobResource>(`${WS}/jobs`, { spec: { name, command, compute } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const ended = async (name: string) => {
      for (let i = 0; i < 1500; i++) {
        const job = (await srv.getOk<JobResource>(`${WS}/jobs/${name}`)) as JobResource;
        if (['Completed', 'Failed', 'Canceled'].includes(job.status)) return job;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.fail(`${name} did not end`);
    };

    it('creates an amlcompute with its not-applied warnings, shows it with its jobs, and updates it', async () => {
      const created = await put('cpu-cluster', CLUSTER);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.name, created.body.type, created.body.size, created.body.max_instances, created.body.builtin], ['cpu-cluster', 'amlcompute', 'STANDARD_DS3_v2', 1, false]);
      assert.deepEqual(
        created.body.warnings?.map((w) => w.split(': ')[1]),
        ['size', 'location'],
      );
      const shown = await srv.getOk<ComputeResource>(`${WS}/computes/cpu-cluster`);
      assert.deepEqual(shown.jobs, { running: 0, queued: 0 });
      const updated = await put('cpu-cluster', { ...CLUSTER, max_instances: 1, description: 'team cluster' });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.description, 'team cluster');
      const list = await srv.getOk<{ value: ComputeResource[] }>(`${WS}/computes`);
      assert.deepEqual(
        list.value.map((c) => [c.name, c.type, c.builtin]),
        [
          ['local', 'local', true],
          ['cpu-cluster', 'amlcompute', false],
        ],
      );
    });

    it("runs a compute's jobs one at a time with max_instances 1 while a job on local runs meanwhile, and stops warning about the compute", async () => {
      await put('one-node', { ...CLUSTER, max_instances: 1 });
      const sleep = 'python3 -c "import time; time.sleep(2)"';
      const first = await submit('node-first', sleep, 'azureml:one-node');
      const second = await submit('node-second', sleep, 'azureml:one-node');
      const elsewhere = await submit('on-local', sleep, 'local');
      assert.deepEqual([first.compute, first.warnings.filter((w) => w.includes('compute'))], ['one-node', []]);
      const shown = await srv.getOk<ComputeResource>(`${WS}/computes/one-node`);
      assert.equal(shown.jobs.running + shown.jobs.queued, 2);
      const [a, b, c] = [await ended(first.name), await ended(second.name), await ended(elsewhere.name)];
      assert.deepEqual([a.status, b.status, c.status], ['Completed', 'Completed', 'Completed']);
      assert.ok(Date.parse(b.started_at as string) >= Date.parse(a.ended_at as string), `the second started (${b.started_at}) before the first ended (${a.ended_at})`);
      assert.ok(Date.parse(c.started_at as string) < Date.parse(a.ended_at as string), 'the job on local ran while the cluster was busy');
    });

    it('warns about a compute that is not defined, and runs the job on local', async () => {
      const job = await submit('no-such-cluster', 'true', 'azureml:gpu-cluster');
      assert.equal(job.compute, 'local');
      assert.ok(job.warnings.includes("compute 'azureml:gpu-cluster' is not defined in this workspace; the job runs on 'local'"), job.warnings.join('\n'));
    });

    it('refuses to delete a compute with a queued or running job, and deletes it once the job ended', async () => {
      await put('busy', CLUSTER);
      const job = await submit('keeps-busy', 'python3 -c "import time; time.sleep(60)"', 'busy');
      const refused = await srv.delete(`${WS}/computes/busy`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error_code, 'LATHE_CONFLICT');
      assert.match(refused.body.message, /compute 'busy' has queued or running jobs \(keeps-busy\)/);
      assert.equal((await srv.send('POST', `${WS}/jobs/${job.name}/cancel`)).status, 200);
      await ended(job.name);
      assert.equal((await srv.delete(`${WS}/computes/busy`)).status, 204);
      assert.equal((await srv.get(`${WS}/computes/busy`)).status, 404);
      assert.equal((await srv.delete(`${WS}/computes/busy`)).status, 404);
    });

    it('answers bad input with 4xx and a clear message', async () => {
      const cases: [string, unknown, number, RegExp][] = [
        ['c1', { type: 'amlcompute', max_instances: 0 }, 400, /spec: max_instances: /],
        ['c1', { type: 'kubernetes' }, 400, /spec: type: expected one of: amlcompute/],
        ['c1', { type: 'amlcompute', name: 'c2' }, 400, /differs from the compute named in the path/],
        ['1-bad', { type: 'amlcompute' }, 400, /spec: name: /],
        ['c1', 'not an object', 400, /expected \{ "spec"/],
        ['local', { type: 'amlcompute' }, 409, /compute 'local' is built in/],
      ];
      for (const [name, spec, status, message] of cases) {
        const res = await put(name, spec);
        assert.equal(res.status, status, `${name} ${JSON.stringify(spec)}: ${JSON.stringify(res.body)}`);
        assert.match((res.body as unknown as { message: string }).message, message);
      }
      assert.equal((await srv.delete(`${WS}/computes/local`)).status, 409);
      assert.equal((await put('c1', { type: 'amlcompute' }, '/api/v1/workspaces/nowhere')).status, 404);
      assert.equal((await srv.get(`${WS}/computes/missing`)).status, 404);
    });
  });
});
