import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetadataStore, PutScheduleInput, ScheduleStore } from '@lathe/store';
import { T0, jobInput, newWorkspace, uniqueName } from './metadata-store/store-fixtures.js';
import { openedOnce } from './opened-once.js';
import { rejectsWith } from './rejects-with.js';

const SPEC = { name: 'nightly', trigger: { type: 'cron', expression: '0 2 * * *', time_zone: 'UTC' }, create_job: { type: 'command', command: 'echo hi' } };

/**
 * The contract suite every {@link ScheduleStore} must pass, with the {@link MetadataStore} that
 * owns its workspaces and jobs. `open` is called once; the stores are closed after. Each test
 * works in workspaces of its own, so one database may be shared.
 *
 * @example
 * ```ts
 * describeScheduleStore('KyselyScheduleStore on SQLite', () => openSqliteStore(':memory:'));
 * ```
 */
export function describeScheduleStore(name: string, open: () => Promise<MetadataStore & { schedules: ScheduleStore }>): void {
  describe(name, () => {
    const opened = openedOnce(open, (store) => store.close());
    defineScheduleTests(opened);
  });
}

type Opened = () => MetadataStore & { schedules: ScheduleStore };

function input(workspace: string, overrides: Partial<PutScheduleInput> = {}): PutScheduleInput {
  return { workspace, name: 'nightly', spec: SPEC, enabled: true, nextFireAt: T0 + 1000, at: T0, ...overrides };
}

function defineScheduleTests(opened: Opened): void {
  it('putSchedule creates a schedule, and replaces its spec and next fire time keeping its creation and last fire', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    const created = await schedules.putSchedule(input(workspace));
    assert.deepEqual(created, { workspace, name: 'nightly', spec: SPEC, enabled: true, createdAt: T0, updatedAt: T0, lastFiredAt: null, nextFireAt: T0 + 1000, lastJob: null, lastError: null });
    assert.equal(await schedules.recordFire({ workspace, name: 'nightly', firedAt: T0 + 1000, job: 'nightly-1', error: null, nextFireAt: T0 + 2000, at: T0 + 1001 }), true);
    const spec = { ...SPEC, description: 'changed' };
    const replaced = await schedules.putSchedule(input(workspace, { spec, nextFireAt: T0 + 5000, at: T0 + 3000 }));
    assert.deepEqual(replaced, { ...created, spec, updatedAt: T0 + 3000, nextFireAt: T0 + 5000, lastFiredAt: T0 + 1000, lastJob: 'nightly-1' });
    assert.deepEqual(await schedules.getSchedule(workspace, 'nightly'), replaced);
  });

  it('putSchedule refuses a workspace that does not exist', async () => {
    await rejectsWith(opened().schedules.putSchedule(input(uniqueName('missing'))), 'LATHE_NOT_FOUND', /workspace/);
  });

  it('lists a workspace’s schedules by name and deletes one, reporting whether it existed', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    const other = await newWorkspace(opened());
    await schedules.putSchedule(input(workspace, { name: 'b' }));
    await schedules.putSchedule(input(workspace, { name: 'a' }));
    await schedules.putSchedule(input(other, { name: 'c' }));
    assert.deepEqual(
      (await schedules.listSchedules(workspace)).map((s) => s.name),
      ['a', 'b'],
    );
    const everywhere = (await schedules.listSchedules()).filter((s) => s.workspace === workspace || s.workspace === other);
    assert.equal(everywhere.length, 3);
    assert.equal(await schedules.deleteSchedule(workspace, 'a'), true);
    assert.equal(await schedules.deleteSchedule(workspace, 'a'), false);
    assert.equal(await schedules.getSchedule(workspace, 'a'), undefined);
  });

  it('recordFire writes only while the fire time is still the next one and the schedule is enabled', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    await schedules.putSchedule(input(workspace));
    const fire = { workspace, name: 'nightly', firedAt: T0 + 1000, job: 'nightly-1', error: null, nextFireAt: T0 + 2000, at: T0 + 1500 };
    assert.equal(await schedules.recordFire(fire), true);
    // A second runner recording the same fire finds it recorded.
    assert.equal(await schedules.recordFire({ ...fire, job: 'other' }), false);
    const recorded = await schedules.getSchedule(workspace, 'nightly');
    assert.equal(recorded?.lastJob, 'nightly-1');
    assert.equal(recorded?.nextFireAt, T0 + 2000);
    await schedules.setScheduleEnabled(workspace, 'nightly', false, null, T0 + 1600);
    assert.equal(await schedules.recordFire({ ...fire, firedAt: T0 + 2000, nextFireAt: T0 + 3000 }), false);
  });

  it('records a failed fire with its error and no job', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    await schedules.putSchedule(input(workspace));
    await schedules.recordFire({ workspace, name: 'nightly', firedAt: T0 + 1000, job: null, error: 'environment gone', nextFireAt: T0 + 2000, at: T0 + 1000 });
    const recorded = await schedules.getSchedule(workspace, 'nightly');
    assert.deepEqual([recorded?.lastFiredAt, recorded?.lastJob, recorded?.lastError], [T0 + 1000, null, 'environment gone']);
  });

  it('setScheduleEnabled flips the flag with the new next fire time; undefined for a missing schedule', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    await schedules.putSchedule(input(workspace));
    const disabled = await schedules.setScheduleEnabled(workspace, 'nightly', false, null, T0 + 10);
    assert.deepEqual([disabled?.enabled, disabled?.nextFireAt, disabled?.updatedAt], [false, null, T0 + 10]);
    const enabled = await schedules.setScheduleEnabled(workspace, 'nightly', true, T0 + 9000, T0 + 20);
    assert.deepEqual([enabled?.enabled, enabled?.nextFireAt], [true, T0 + 9000]);
    assert.equal(await schedules.setScheduleEnabled(workspace, 'missing', true, null, T0), undefined);
  });

  it('lists due enabled schedules earliest first and knows the earliest fire time', async () => {
    const { schedules } = opened();
    const workspace = await newWorkspace(opened());
    // Before every other fixture's fire times, so this test's are the earliest in a shared database.
    const base = 1000;
    await schedules.putSchedule(input(workspace, { name: 'late', nextFireAt: base + 30 }));
    await schedules.putSchedule(input(workspace, { name: 'early', nextFireAt: base + 10 }));
    await schedules.putSchedule(input(workspace, { name: 'off', enabled: false, nextFireAt: base }));
    await schedules.putSchedule(input(workspace, { name: 'done', nextFireAt: null }));
    const due = (await schedules.listDueSchedules(base + 20)).filter((s) => s.workspace === workspace);
    assert.deepEqual(
      due.map((s) => s.name),
      ['early'],
    );
    const all = (await schedules.listDueSchedules(base + 30)).filter((s) => s.workspace === workspace);
    assert.deepEqual(
      all.map((s) => s.name),
      ['early', 'late'],
    );
    const earliest = await schedules.earliestFireTime();
    assert.ok(earliest !== undefined && earliest <= base + 10, String(earliest));
    assert.equal(typeof earliest, 'number');
  });

  it('a job created with a schedule records it, and the job list filters by it', async () => {
    const store = opened();
    const workspace = await newWorkspace(store);
    const fired = await store.createJob(jobInput(workspace, 'nightly-202401010200', { schedule: 'nightly' }));
    assert.equal(fired.schedule, 'nightly');
    assert.equal((await store.createJob(jobInput(workspace, 'by-hand'))).schedule, null);
    const page = await store.listJobs({ workspace, schedule: 'nightly', limit: 10 });
    assert.deepEqual(
      page.jobs.map((j) => j.name),
      ['nightly-202401010200'],
    );
    assert.equal((await store.getJob(workspace, 'nightly-202401010200'))?.schedule, 'nightly');
  });
}
