import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadScheduleFile, parseSchedule, validateSchedule } from './schedule.js';
import { loadScheduleJob } from './schedule-job.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';
import { JSON_SCHEMAS } from './json-schemas.js';
import { resolveTimeZoneName } from './time-zone-name.js';
import { WINDOWS_TIME_ZONES } from './windows-time-zones.js';

const CRON = `$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
name: nightly_train
display_name: Nightly training
trigger:
  type: cron
  expression: "0 2 * * MON-FRI"
  start_time: 2024-05-01T00:00:00
  time_zone: Pacific Standard Time
create_job: ./train.yml
`;

const RECURRENCE = `name: hourly
trigger:
  type: Recurrence
  frequency: Week
  interval: 1
  schedule:
    hours: [9, 17]
    minutes: 30
    week_days: [Monday, FRIDAY]
create_job:
  type: command
  command: echo hi
  environment: azureml:AzureML-sklearn-1.5@latest
`;

const parse = (text: string, set: string[] = []) => parseSchedule(text, { file: 'schedule.yml', set });
const messageOf = (text: string) => expectInvalidSpec(() => parse(text)).message;

describe('parseSchedule', () => {
  it('reads a cron schedule whose job is a file, keeping the start time as written', () => {
    const { spec } = parse(CRON);
    assert.equal(spec.name, 'nightly_train');
    assert.deepEqual(spec.trigger, { type: 'cron', expression: '0 2 * * MON-FRI', start_time: '2024-05-01T00:00:00', time_zone: 'Pacific Standard Time' });
    assert.equal(spec.create_job, './train.yml');
  });

  it('reads enum values in any case and checks an inline job as a job file, normalised', () => {
    const { spec } = parse(RECURRENCE);
    assert.equal(spec.trigger.type, 'recurrence');
    assert.equal(spec.trigger.frequency, 'week');
    assert.deepEqual(spec.trigger.schedule, { hours: [9, 17], minutes: 30, week_days: ['monday', 'friday'] });
    assert.equal(spec.trigger.time_zone, 'UTC');
    const job = spec.create_job as Record<string, unknown>;
    assert.equal(job.type, 'command');
    assert.equal(job.command, 'echo hi');
  });

  it('names the part of a bad cron expression and places it in the file', () => {
    const message = messageOf(CRON.replace('0 2 * * MON-FRI', '0 25 * * MON-FRI'));
    assert.match(message, /schedule\.yml:6:\d+: trigger\.expression: hour field '25': 25 is out of range 0-23/);
    assert.match(messageOf(CRON.replace('0 2 * * MON-FRI', '0 2 * *')), /trigger\.expression: expected 5 fields .* found 4/);
    assert.match(messageOf(CRON.replace('0 2 * * MON-FRI', '0 2 * * MON-XYZ')), /day-of-week field 'MON-XYZ': 'XYZ' is not a number from 0 to 7 or a name/);
    assert.match(messageOf(CRON.replace('0 2 * * MON-FRI', '*/0 2 * * *')), /minute field '\*\/0': step '0'/);
  });

  it('refuses an unknown time zone naming the field and valid names', () => {
    const message = messageOf(CRON.replace('Pacific Standard Time', 'Mars Standard Time'));
    assert.match(message, /trigger\.time_zone: unknown time zone 'Mars Standard Time'/);
    assert.match(message, /'Pacific Standard Time'/);
    assert.match(message, /'America\/Los_Angeles'/);
  });

  it("refuses another type's fields, a pattern on an hourly recurrence, and a missing frequency", () => {
    assert.match(messageOf(CRON.replace('  time_zone', '  frequency: day\n  time_zone')), /trigger\.frequency: 'frequency' belongs to a recurrence trigger/);
    assert.match(messageOf(RECURRENCE.replace('frequency: Week', 'frequency: hour')), /trigger\.schedule: a schedule .* applies only to frequency day or week, not hour/);
    assert.match(messageOf(RECURRENCE.replace('  frequency: Week\n', '')), /trigger\.frequency: a recurrence trigger needs 'frequency'/);
  });

  it('refuses start and end times that do not parse or are out of order', () => {
    assert.match(messageOf(CRON.replace('2024-05-01T00:00:00', 'tomorrow')), /trigger\.start_time: 'tomorrow' is not an ISO 8601 date-time/);
    assert.match(messageOf(CRON.replace('  time_zone', '  end_time: 2024-04-01T00:00:00\n  time_zone')), /trigger\.end_time: end_time 2024-04-01T00:00:00 is not after start_time/);
  });

  it('places an inline job problem under create_job, and refuses azureml: references', () => {
    assert.match(messageOf(RECURRENCE.replace('command: echo hi', 'comand: echo hi')), /schedule\.yml:\d+:\d+: create_job\.comand: unknown field/);
    assert.match(messageOf(RECURRENCE.replace('type: command', 'type: automl')), /create_job\.type: 'automl' jobs cannot be scheduled/);
    assert.match(messageOf(CRON.replace('./train.yml', 'azureml:my-job')), /create_job: 'azureml:my-job': a schedule cannot fire an existing job by reference/);
  });

  it('applies --set before validating', () => {
    assert.equal(parse(CRON, ['trigger.expression=15 * * * *']).spec.trigger.expression, '15 * * * *');
  });
});

describe('validateSchedule', () => {
  it('takes the job inline only: a path is the client’s to read', () => {
    const { spec } = validateSchedule({ name: 's', trigger: { type: 'cron', expression: '* * * * *' }, create_job: { type: 'command', command: 'echo', environment: 'azureml:e:1' } }, 'spec');
    assert.equal(spec.trigger.time_zone, 'UTC');
    const error = expectInvalidSpec(() => validateSchedule({ name: 's', trigger: { type: 'cron', expression: '* * * * *' }, create_job: './job.yml' }, 'spec'));
    assert.match(error.message, /spec: create_job: a job file's path is read by the client/);
  });
});

describe('time zones', () => {
  it('maps every Windows name to a zone this runtime knows, and IANA names to themselves', () => {
    assert.ok(Object.keys(WINDOWS_TIME_ZONES).length >= 139);
    for (const [windows, iana] of Object.entries(WINDOWS_TIME_ZONES)) {
      assert.equal(resolveTimeZoneName(windows), iana, windows);
      assert.notEqual(resolveTimeZoneName(iana), undefined, iana);
    }
    assert.equal(resolveTimeZoneName('pacific standard time'), 'America/Los_Angeles');
    assert.equal(resolveTimeZoneName('UTC'), 'Etc/UTC');
    assert.equal(resolveTimeZoneName('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(resolveTimeZoneName('Nowhere/Else'), undefined);
  });

  it('publishes the schedule JSON Schema', () => {
    const schema = JSON_SCHEMAS['schedule.schema.json'] as { required: string[] };
    assert.deepEqual(schema.required, ['name', 'trigger', 'create_job']);
  });
});

describe('the schedule examples', () => {
  it('read, with their jobs found relative to the schedule file', async () => {
    const folder = fileURLToPath(new URL('../../../examples/schedules/', import.meta.url));
    for (const [file, job] of [
      ['hello-every-minute.yml', 'hello-world.yml'],
      ['iris-weekday-mornings.yml', 'sklearn-iris.yml'],
    ] as const) {
      const loaded = await loadScheduleFile(`${folder}${file}`);
      assert.deepEqual(loaded.warnings, [], file);
      const loadedJob = await loadScheduleJob(loaded);
      assert.equal(loadedJob.file, fileURLToPath(new URL(`../../../examples/jobs/${job}`, import.meta.url)));
    }
  });
});
