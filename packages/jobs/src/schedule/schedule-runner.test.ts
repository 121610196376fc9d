import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LocalArtifactStore, openSqliteStore, type KyselyMetadataStore } from '@lathe/store';
import { validateSchedule } from '@lathe/spec';
import { builtInJobKinds, JobKindRegistry } from '../job-kind-registry.js';
import type { JobsContext } from '../jobs-context.js';
import { submitJob } from '../submit-job.js';
import { firedJobName } from './fired-job-name.js';
import { ScheduleRunner, type ScheduleLogger } from './schedule-runner.js';

const T = Date.parse('2024-06-03T10:00:00Z');
const MINUTE = 60_000;

// A real store and real job submission; only the clock is the test's.
describe('ScheduleRunner', () => {
  let folder: string;
  let store: KyselyMetadataStore;
  let ctx: JobsContext;
  let now = T;
  let warnings: string[] = [];
  let workspace = '';
  let counter = 0;
  const logger: ScheduleLogger = { info: () => {}, warn: (_obj, msg) => warnings.push(msg) };
  const runner = () => new ScheduleRunner({ submit: (ws, request) => submitJob(ctx, ws, request), jobs: store, schedules: store.schedules, logger, now: () => now });

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lathe-schedule-runner-'));
    store = await openSqliteStore(join(folder, 'lathe.db'));
    const kinds = new JobKindRegistry(builtInJobKinds(store.tracking));
    ctx = {
      store,
      tracking: store.tracking,
      registry: store.assets,
      modelRegistry: store.modelRegistry,
      artifacts: new LocalArtifactStore(join(folder, 'artifacts')),
      datastoreRoot: join(folder, 'datastores'),
      datastoreRoots: [],
      scheduler: { computeNames: ['local'] },
      workspaces: store.workspaces,
      defaultCompute: 'local',
      python: '/usr/bin/python3',
      kinds,
    };
  });
  after(async () => {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    now = T;
    warnings = [];
    workspace = `ws${++counter}`;
    await store.ensureWorkspace(workspace, T);
  });

  const schedule = (trigger: Record<string, unknown>, job: Record<string, unknown> = { type: 'command', command: 'echo hi' }) =>
    validateSchedule({ name: 'every-minute', trigger: { type: 'recurrence', frequency: 'minute', interval: 1, start_time: '2024-06-03T10:00:00', ...trigger }, create_job: job }).spec;
  const firedJobs = async () => (await store.listJobs({ workspace, schedule: 'every-minute', limit: 100 })).jobs.map((j) => j.name).sort();
  const recorded = async () => (await store.schedules.getSchedule(workspace, 'every-minute'))!;

  it('fires a due schedule once, naming the job by its fire time and linking it to the schedule', async () => {
    const r = runner();
    const { schedule: created } = await r.put(workspace, schedule({}));
    assert.equal(created.nextFireAt, T);
    await r.runDue();
    const name = firedJobName('every-minute', T);
    assert.deepEqual(await firedJobs(), [name]);
    assert.equal((await store.getJob(workspace, name))?.schedule, 'every-minute');
    const after = await recorded();
    assert.deepEqual([after.lastFiredAt, after.lastJob, after.lastError, after.nextFireAt], [T, name, null, T + MINUTE]);
    // Not due again until the next minute.
    now = T + MINUTE - 1;
    await r.runDue();
    assert.equal((await firedJobs()).length, 1);
  });

  it('fires missed while no runner ran once, then the first fire after now', async () => {
    const r = runner();
    await r.put(workspace, schedule({}));
    now = T + 10 * MINUTE + 5_000;
    await r.runDue();
    await r.runDue();
    assert.deepEqual(await firedJobs(), [firedJobName('every-minute', T)]);
    assert.equal((await recorded()).nextFireAt, T + 11 * MINUTE);
  });

  it('never fires a disabled schedule; enabling counts the next fire from now', async () => {
    const r = runner();
    await r.put(workspace, schedule({}));
    await r.setEnabled(workspace, 'every-minute', false);
    now = T + 60 * MINUTE + 30_000;
    await r.runDue();
    assert.deepEqual(await firedJobs(), []);
    const enabled = await r.setEnabled(workspace, 'every-minute', true);
    assert.equal(enabled.nextFireAt, T + 61 * MINUTE);
    now = T + 61 * MINUTE;
    await r.runDue();
    assert.deepEqual(await firedJobs(), [firedJobName('every-minute', T + 61 * MINUTE)]);
  });

  it('stops firing after end_time', async () => {
    const r = runner();
    await r.put(workspace, schedule({ end_time: '2024-06-03T10:01:30' }));
    await r.runDue();
    now = T + MINUTE;
    await r.runDue();
    assert.equal((await recorded()).nextFireAt, null);
    now = T + 60 * MINUTE;
    await r.runDue();
    assert.deepEqual(await firedJobs(), [firedJobName('every-minute', T), firedJobName('every-minute', T + MINUTE)]);
  });

  it('a fire retried after a crash between creating the job and recording it creates no second job', async () => {
    const r = runner();
    await r.put(workspace, schedule({}));
    // What the crashed runner did before dying: the job of this fire time exists, unrecorded.
    const name = firedJobName('every-minute', T);
    await submitJob(ctx, workspace, { spec: { type: 'command', command: 'echo hi' }, name, schedule: 'every-minute' });
    await r.runDue();
    assert.deepEqual(await firedJobs(), [name]);
    const after = await recorded();
    assert.deepEqual([after.lastJob, after.lastError, after.nextFireAt], [name, null, T + MINUTE]);
    assert.deepEqual(warnings, []);
  });

  it('two runners firing the same schedule at once create one job', async () => {
    const [a, b] = [runner(), runner()];
    await a.put(workspace, schedule({}));
    await Promise.all([a.runDue(), b.runDue()]);
    assert.deepEqual(await firedJobs(), [firedJobName('every-minute', T)]);
    assert.equal((await recorded()).nextFireAt, T + MINUTE);
  });

  it('a job that is refused fails that fire with a warning recorded on the schedule, and the next fire still comes', async () => {
    const r = runner();
    await r.put(workspace, schedule({}, { type: 'command', command: 'echo hi', environment: 'azureml:no-such-env:1' }));
    await r.runDue();
    assert.deepEqual(await firedJobs(), []);
    const after = await recorded();
    assert.equal(after.lastJob, null);
    assert.match(after.lastError ?? '', /no-such-env/);
    assert.equal(after.nextFireAt, T + MINUTE);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /schedule 'every-minute' fired but its job was refused/);
  });
});
