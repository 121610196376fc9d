import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource, PageResource, ScheduleResource, SdkEnvResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { runPython, TEST_FIXTURES } from '../../testing/run-python.js';

type Outcome = Record<string, any>;

function ok(outcome: Outcome, step: string): any {
  assert.ok(outcome[step] !== undefined, `no step ${step}`);
  assert.equal(outcome[step]?.error, undefined, `${step}: ${String(outcome[step]?.error)}`);
  return outcome[step];
}

describe('a pipeline scheduled with the Azure ML SDK (ml_client.schedules)', () => {
  let srv: MlflowTestServer;
  let work: string;
  let sdk: SdkEnvResource;

  before(async () => {
    srv = await MlflowTestServer.start();
    work = await mkdtemp(join(tmpdir(), 'lathe-sdk-schedules-'));
    sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body;
  });
  after(async () => {
    await srv?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('fires on time, reads back its trigger and job, disables, enables and deletes', async () => {
    const { code, out } = await runPython([join(TEST_FIXTURES, 'azure-sdk', 'schedule_scenario.py')], work, sdk.variables);
    // The SDK's pollers print dots without a newline, so the result may follow them on a line.
    const line = out.split('\n').find((l) => l.includes('RESULT {'));
    assert.ok(code === 0 && line !== undefined, out);
    const outcome = JSON.parse(line.slice(line.indexOf('RESULT {') + 'RESULT '.length)) as Outcome;
    assert.deepEqual(ok(outcome, 'create'), { name: 'sdk_every_minute', enabled: true, trigger: 'RecurrenceTrigger', job: 'PipelineJob' });
    assert.deepEqual(ok(outcome, 'cron'), { expression: '30 7 * * 1-5', time_zone: 'Pacific Standard Time', enabled: true });
    const fired = ok(outcome, 'fired') as string[];
    assert.equal(fired.length, 1, JSON.stringify(outcome));
    assert.deepEqual(ok(outcome, 'listed'), ['sdk_every_minute', 'sdk_weekdays']);
    assert.deepEqual(ok(outcome, 'disable'), { enabled: false, steps: ['azureml_anonymous'] });
    assert.deepEqual(ok(outcome, 'listed_enabled'), ['sdk_weekdays']);
    assert.deepEqual(ok(outcome, 'enable'), { enabled: true });
    assert.equal(ok(outcome, 'delete'), 'deleted');
    assert.deepEqual(ok(outcome, 'after_delete'), ['sdk_every_minute']);
    // The same schedule through Lathe's own API, and the fired pipeline linked to it.
    const schedule = (await srv.get<ScheduleResource>('/api/v1/workspaces/default/schedules/sdk_every_minute')).body;
    assert.deepEqual([schedule.enabled, schedule.create_job.type, schedule.last_job], [true, 'pipeline', fired[0]]);
    const jobs = (await srv.get<PageResource<JobResource>>('/api/v1/workspaces/default/jobs', { schedule: 'sdk_every_minute' })).body;
    assert.deepEqual(
      jobs.value.map((j) => [j.name, j.type, j.schedule]),
      [[fired[0], 'pipeline', 'sdk_every_minute']],
    );
  });
});
