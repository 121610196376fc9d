import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobResource, ScheduleResource } from '@lathe/api';
import { describeOnEachStore, MlflowTestServer, type TestStore } from '../../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';
const JOB = { type: 'command', command: 'echo hi', display_name: 'say hi' };

// A local date-time in UTC `seconds` from now, as a schedule's start_time is written.
function utcLocal(secondsFromNow: number): string {
  return new Date(Date.now() + secondsFromNow * 1000).toISOString().slice(0, 19);
}

describeOnEachStore((store: TestStore) => {
  describe('schedules over REST', () => {
    let srv: MlflowTestServer;
    before(async () => {
      srv = await MlflowTestServer.start({}, store);
    });
    after(() => srv.close());

    const put = (name: string, spec: unknown) =>
      srv.send<ScheduleResource & { error_code?: string; message: string }>('PUT', `${WS}/schedules/${name}`, { spec }, { 'content-type': 'application/json' });

    it('creates a schedule that shows its trigger, job and next fire time, lists, replaces and deletes it', async () => {
      const spec = { trigger: { type: 'cron', expression: '0 3 * * *', time_zone: 'Tokyo Standard Time' }, create_job: JOB, tags: { team: 'a' } };
      const created = await put('nightly', spec);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const body = created.body;
      assert.deepEqual([body.name, body.enabled, body.create_job, body.last_job, body.tags], ['nightly', true, { type: 'command', display_name: 'say hi' }, null, { team: 'a' }]);
      // 03:00 in Tokyo (+9) is 18:00Z.
      assert.match(body.next_fire_time ?? '', /T18:00:00\.000Z$/);
      assert.equal(body.jobs_path, `${WS}/jobs?schedule=nightly`);
      assert.equal((await put('nightly', { ...spec, description: 'changed' })).status, 200);
      const list = await srv.getOk<{ value: ScheduleResource[] }>(`${WS}/schedules`);
      assert.deepEqual(
        list.value.map((s) => [s.name, s.description]),
        [['nightly', 'changed']],
      );
      assert.equal((await srv.delete(`${WS}/schedules/nightly`)).status, 204);
      const gone = await srv.get(`${WS}/schedules/nightly`);
      assert.deepEqual([gone.status, gone.body.error_code], [404, 'LATHE_NOT_FOUND']);
      assert.equal((await srv.delete(`${WS}/schedules/nightly`)).status, 404);
    });

    it('refuses bad input with stable codes, naming the field', async () => {
      const badCron = await put('bad', { trigger: { type: 'cron', expression: '0 24 * * *' }, create_job: JOB });
      assert.deepEqual([badCron.status, badCron.body.error_code], [400, 'LATHE_INVALID_SPEC']);
      assert.match(badCron.body.message, /spec: trigger\.expression: hour field '24'/);
      const path = await put('bad', { trigger: { type: 'cron', expression: '* * * * *' }, create_job: './job.yml' });
      assert.match(path.body.message, /create_job: a job file's path is read by the client/);
      const renamed = await put('bad', { name: 'other', trigger: { type: 'cron', expression: '* * * * *' }, create_job: JOB });
      assert.deepEqual([renamed.status, renamed.body.error_code], [400, 'LATHE_BAD_REQUEST']);
      const noSpec = await srv.send('PUT', `${WS}/schedules/bad`, [], { 'content-type': 'application/json' });
      assert.deepEqual([noSpec.status, noSpec.body.error_code], [400, 'LATHE_BAD_REQUEST']);
      const missing = await srv.post(`${WS}/schedules/absent/enable`, {});
      assert.deepEqual([missing.status, missing.body.error_code], [404, 'LATHE_NOT_FOUND']);
      const noWorkspace = await srv.get('/api/v1/workspaces/absent/schedules');
      assert.equal(noWorkspace.status, 404);
    });

    it('fires at start_time, the job linked to its schedule and listed by it; disabled it has no next fire', async () => {
      const started = Date.now();
      const created = await put('soon', { trigger: { type: 'recurrence', frequency: 'minute', interval: 1, start_time: utcLocal(4) }, create_job: JOB });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      let shown: ScheduleResource = created.body;
      for (let i = 0; i < 300 && shown.last_job === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
        shown = await srv.getOk<ScheduleResource>(`${WS}/schedules/soon`);
      }
      assert.notEqual(shown.last_job, null, 'the schedule did not fire within 30 s');
      // Fired within a tolerance of its start time (4 s after creation, to the second).
      assert.ok(Date.parse(shown.last_fired_time ?? '') - started < 5_000);
      const job = await srv.getOk<JobResource>(`${WS}/jobs/${shown.last_job}`);
      assert.equal(job.schedule, 'soon');
      const listed = await srv.getOk<{ value: JobResource[] }>(`${WS}/jobs`, { schedule: 'soon' });
      assert.deepEqual(
        listed.value.map((j) => j.name),
        [shown.last_job],
      );
      const disabled = await srv.ok<ScheduleResource>(`${WS}/schedules/soon/disable`, {});
      assert.deepEqual([disabled.enabled, disabled.next_fire_time], [false, null]);
      const enabled = await srv.ok<ScheduleResource>(`${WS}/schedules/soon/enable`, {});
      assert.equal(enabled.enabled, true);
      assert.ok(Date.parse(enabled.next_fire_time ?? '') > Date.now() - 1000);
    });
  });
});
