import assert from 'node:assert/strict';
import { createdRecord, jobInput, newWorkspace, T0, uniqueName, type StoreSuite } from './store-fixtures.js';

/** Workspaces, `createJob` and `getJob`. @internal */
export function defineCreateJobTests(suite: StoreSuite): void {
  suite.test('ensureWorkspace creates a workspace once and is idempotent', async () => {
    const workspace = uniqueName('ws');
    assert.equal(await suite.store.hasWorkspace(workspace), false);
    await suite.store.ensureWorkspace(workspace, T0);
    await suite.store.ensureWorkspace(workspace, T0 + 1);
    assert.equal(await suite.store.hasWorkspace(workspace), true);
  });

  suite.test('createJob returns the job Queued with NotStarted and Queued in its history', async () => {
    const input = jobInput(await newWorkspace(suite.store), 'job-1');
    assert.deepEqual(await suite.store.createJob(input), createdRecord(input));
  });

  suite.test('getJob returns the job as createJob returned it', async () => {
    const input = jobInput(await newWorkspace(suite.store), 'job-1', { tags: { a: '1' } });
    const created = await suite.store.createJob(input);
    assert.deepEqual(await suite.store.getJob(input.workspace, input.name), created);
  });

  suite.test('createJob rejects a name already taken in the workspace with LATHE_CONFLICT', async () => {
    const first = jobInput(await newWorkspace(suite.store), 'job-1');
    await suite.store.createJob(first);
    const second = { ...first, experimentName: 'other', createdAt: T0 + 5 };
    await assert.rejects(suite.store.createJob(second), { name: 'LatheError', code: 'LATHE_CONFLICT' });
    assert.deepEqual(await suite.store.getJob(first.workspace, first.name), createdRecord(first));
  });

  suite.test('the same job name may be used in two workspaces', async () => {
    const first = jobInput(await newWorkspace(suite.store), 'job-1');
    const second = jobInput(await newWorkspace(suite.store), 'job-1');
    await suite.store.createJob(first);
    assert.deepEqual(await suite.store.createJob(second), createdRecord(second));
  });

  suite.test('createJob rejects an unknown workspace with LATHE_NOT_FOUND', async () => {
    const input = jobInput(uniqueName('missing'), 'job-1');
    await assert.rejects(suite.store.createJob(input), { name: 'LatheError', code: 'LATHE_NOT_FOUND' });
    assert.equal(await suite.store.hasWorkspace(input.workspace), false);
  });

  suite.test('getJob returns undefined for a missing job or workspace', async () => {
    const workspace = await newWorkspace(suite.store);
    assert.equal(await suite.store.getJob(workspace, 'no-such-job'), undefined);
    assert.equal(await suite.store.getJob(uniqueName('missing'), 'no-such-job'), undefined);
  });

  suite.test('tags, spec and warnings round-trip exactly', async () => {
    const input = jobInput(await newWorkspace(suite.store), 'job-1', {
      displayName: null,
      description: 'line one\nline two — ünïcödé ✓',
      tags: { team: 'vision', empty: '', 'key with spaces': 'value "quoted"', émoji: '🚀' },
      spec: {
        type: 'command',
        command: 'python train.py --lr ${{inputs.lr}}',
        inputs: { lr: 0.001, epochs: 10, data: { type: 'uri_folder', path: 'lathe://data/1' } },
        environment_variables: {},
        flags: [true, false, null, -1.5e-7, 'x'],
        nested: { deeper: { deepest: [[1, 2], [3]] } },
      },
      warnings: ['field `foo` is ignored', 'second warning'],
    });
    const created = await suite.store.createJob(input);
    const loaded = await suite.store.getJob(input.workspace, input.name);
    for (const job of [created, loaded]) {
      assert.deepEqual(job?.tags, input.tags);
      assert.deepEqual(job?.spec, input.spec);
      assert.deepEqual(job?.warnings, input.warnings);
      assert.equal(job?.displayName, null);
      assert.equal(job?.description, input.description);
    }
  });
}
