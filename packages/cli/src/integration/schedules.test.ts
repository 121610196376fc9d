// Schedules through the CLI against a real server: a recurrence that starts two seconds from now
// fires on time, its job (code and a local input uploaded as `job create` uploads them) runs to
// Completed and names its schedule; list, show, disable, enable and delete; bad files are
// refused with positions.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

// start_time is a local date-time; in UTC it is the ISO text without its zone.
const utcLocal = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 19);

describe('lathe schedule', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'schedules'), {
      'jobs/hello.yml': [
        '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json',
        'display_name: scheduled hello',
        'command: python hello.py ${{inputs.greeting}}',
        'code: src',
        'inputs:',
        '  greeting:',
        '    type: uri_file',
        '    path: ./greeting.txt',
        'environment:',
        '  image: library/python:latest',
        '',
      ].join('\n'),
      'jobs/src/hello.py': 'import sys\nprint(open(sys.argv[1]).read().strip())\n',
      'jobs/greeting.txt': 'hi from a schedule\n',
      'bad-cron.yml': 'name: bad\ntrigger:\n  type: cron\n  expression: "0 2 * 13 *"\ncreate_job: ./jobs/hello.yml\n',
      'bad-zone.yml': 'name: bad\ntrigger:\n  type: cron\n  expression: "0 2 * * *"\n  time_zone: Atlantis Time\ncreate_job: ./jobs/hello.yml\n',
    });
  });
  after(() => t.close());

  it('a minute recurrence starting in a few seconds fires on time, and its job completes linked to the schedule', async () => {
    const file = join(project, 'soon.yml');
    // Far enough ahead that `lathe schedule create` (a new process, packing and uploading the
    // job's code) is done before it on a loaded machine; a start already past fires a minute on.
    const start = utcLocal(8_000);
    await writeFiles(project, {
      'soon.yml': `name: soon\ntrigger:\n  type: recurrence\n  frequency: minute\n  interval: 1\n  start_time: "${start}"\n  time_zone: UTC\ncreate_job: ./jobs/hello.yml\n`,
    });
    const created = await runCli(['schedule', 'create', '--file', file], t.url);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Schedule soon: every 1 minute from \S+ \(UTC\); next fire \S+ \S+Z\n$/);
    let schedule = await t.client.getSchedule('soon');
    assert.equal(schedule.next_fire_time, `${start}.000Z`, 'the first fire is the start time');
    for (let i = 0; i < 300 && schedule.last_job === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      schedule = await t.client.getSchedule('soon');
    }
    assert.notEqual(schedule.last_job, null, `no fire within 30 s: ${JSON.stringify(schedule)}`);
    // Fired for its start time, and the job was created then, within a tolerance.
    assert.equal(schedule.last_fired_time, `${start}.000Z`);
    const job = await waitForEnd(t.client, schedule.last_job as string);
    const late = Date.parse(job.created_at) - Date.parse(`${start}Z`);
    assert.ok(late >= 0 && late < 3_000, `the job was created ${late} ms after its fire time`);
    assert.equal(job.status, 'Completed', JSON.stringify(job.error));
    assert.equal(job.schedule, 'soon');
    assert.equal(job.display_name, 'scheduled hello');
    assert.match(await t.client.getLogs(job.name), /hi from a schedule/);
    const shown = await runCli(['job', 'show', job.name], t.url);
    assert.match(shown.stdout, /^Schedule: soon$/m);
    const listed = JSON.parse((await runCli(['job', 'list', '--schedule', 'soon', '-o', 'json'], t.url)).stdout) as { name: string }[];
    assert.ok(listed.some((j) => j.name === job.name));
  });

  it('list and show print the schedule with its jobs; disable stops it, enable counts from now, delete removes it', async () => {
    const table = (await runCli(['schedule', 'list'], t.url)).stdout;
    assert.match(table, /Name\s+Trigger\s+Job\s+Enabled\s+Next fire\s+Last fired\s+Last job/);
    assert.match(table, /soon\s+every 1 minute from \S+ \(UTC\)\s+scheduled hello\s+yes\s+/);
    const shown = JSON.parse((await runCli(['schedule', 'show', 'soon', '-o', 'json'], t.url)).stdout) as { jobs: { name: string; schedule: string }[] };
    assert.ok(shown.jobs.length >= 1);
    assert.ok(shown.jobs.every((j) => j.schedule === 'soon'));
    const disabled = await runCli(['schedule', 'disable', '--name', 'soon'], t.url);
    assert.deepEqual([disabled.code, disabled.stdout], [0, 'Schedule soon disabled\n']);
    assert.equal((await t.client.getSchedule('soon')).next_fire_time, null);
    const enabled = await runCli(['schedule', 'enable', 'soon'], t.url);
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.ok(Date.parse((await t.client.getSchedule('soon')).next_fire_time ?? '') > Date.now() - 1_000);
    const deleted = await runCli(['schedule', 'delete', 'soon'], t.url);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal((await runCli(['schedule', 'show', 'soon'], t.url)).code, 3);
  });

  it('refuses a bad cron expression and an unknown time zone with the file position, creating nothing', async () => {
    const cron = await runCli(['schedule', 'create', '--file', join(project, 'bad-cron.yml')], t.url);
    assert.equal(cron.code, 2);
    assert.match(cron.stderr, /bad-cron\.yml:4:\d+: trigger\.expression: month field '13': 13 is out of range 1-12/);
    const zone = await runCli(['schedule', 'create', '--file', join(project, 'bad-zone.yml')], t.url);
    assert.equal(zone.code, 2);
    assert.match(zone.stderr, /bad-zone\.yml:5:\d+: trigger\.time_zone: unknown time zone 'Atlantis Time'/);
    assert.deepEqual(await t.client.listSchedules(), []);
  });
});
