import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();

/** A schedule body as `schedules.begin_create_or_update` PUTs it, its pipeline's node given as a component id. */
function schedule(trigger: Record<string, unknown>, jobType = 'Pipeline'): Record<string, unknown> {
  const jobs = { step: { name: 'step', type: 'command', componentId: 'azureml:hello:1', inputs: { x: { job_input_type: 'literal', value: '${{parent.inputs.x}}' } } } };
  return {
    properties: {
      displayName: 'nightly',
      isEnabled: true,
      trigger,
      action: { actionType: 'CreateJob', jobDefinition: { jobType, inputs: { x: { jobInputType: 'literal', value: '3' } }, jobs, settings: { _source: 'DSL' } } },
    },
  };
}

describe('the ARM schedule routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  const send = (method: string, path: string, body?: unknown): Promise<Answer> => srv.send(method, `${WS}/${path}`, body, body === undefined ? auth : { ...auth, 'content-type': 'application/json' });

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}` };
  });
  after(async () => srv?.close());

  it('creates a schedule from a cron trigger and answers it in Schedule shape, the job as sent', async () => {
    const trigger = { triggerType: 'Cron', expression: '0 6 * * *', timeZone: 'Tokyo Standard Time', startTime: '2030-01-01T00:00:00' };
    const created = await send('PUT', 'schedules/nightly?api-version=2022-10-01', schedule(trigger));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.headers.get('azure-asyncoperation') ?? '', /\/schedules\/nightly\/operationStatus$/);
    const got = await send('GET', 'schedules/nightly?api-version=2022-10-01');
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.properties.trigger, { triggerType: 'Cron', timeZone: 'Tokyo Standard Time', startTime: '2030-01-01T00:00:00', expression: '0 6 * * *' });
    const job = got.body.properties.action.jobDefinition;
    assert.deepEqual(
      [job.jobType, job.inputs.x, job.jobs.step.componentId, job.jobs.step.inputs.x],
      ['Pipeline', { jobInputType: 'literal', value: '3' }, `${WS}/components/hello/versions/1`, { job_input_type: 'literal', value: '${{parent.inputs.x}}' }],
    );
    // The first fire: 06:00 on 2030-01-01 in Tokyo (+9), the start being midnight there, is 21:00Z the day before.
    const lathe = await srv.get('/api/v1/workspaces/default/schedules/nightly');
    assert.equal(lathe.body.next_fire_time, '2029-12-31T21:00:00.000Z');
  });

  it('answers ARM errors for what it does not take, and for a missing schedule', async () => {
    const command = await send('PUT', 'schedules/cmd?api-version=2022-10-01', schedule({ triggerType: 'Cron', expression: '* * * * *' }, 'Command'));
    assert.deepEqual([command.status, command.body.error.code], [400, 'BadRequest']);
    assert.match(command.body.error.message, /properties\.action\.jobDefinition\.jobType: 'Command' jobs are not scheduled here/);
    const badCron = await send('PUT', 'schedules/bad?api-version=2022-10-01', schedule({ triggerType: 'Cron', expression: '* * * *' }));
    assert.deepEqual([badCron.status, badCron.body.error.code], [400, 'BadRequest']);
    assert.match(badCron.body.error.message, /properties: trigger\.expression: expected 5 fields/);
    const missing = await send('GET', 'schedules/absent?api-version=2022-10-01');
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'ResourceNotFound']);
    assert.equal((await send('DELETE', 'schedules/absent?api-version=2022-10-01')).status, 404);
  });
});
