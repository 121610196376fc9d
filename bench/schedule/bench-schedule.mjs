#!/usr/bin/env node
// How late schedules fire: N schedules all due at the same second (a minute recurrence starting
// a few seconds from now), each job's creation time against its fire time, beside how late a
// plain Node timer set for the same instant rings in the same run.
//
//   node bench/schedule/bench-schedule.mjs [--schedules 20] [--timeout 300]
//
// Starts `lathe server start` on a fresh LATHE_HOME and a free port. Build first.
import { parseArgs } from 'node:util';
import { now, sleep, withServer } from '../lib/with-server.mjs';

const { values: options } = parseArgs({
  options: {
    schedules: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '300' },
  },
});
const COUNT = Number(options.schedules);
const LEAD_MS = 4000;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

await withServer({ prefix: 'lathe-bench-schedule-', concurrency: 2, timeoutS: Number(options.timeout) }, async (client) => {
  // Whole seconds: the trigger's start_time has no fraction.
  const fireAt = Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000;
  const startTime = new Date(fireAt).toISOString().slice(0, 19);
  const created = now();
  for (let i = 0; i < COUNT; i++) {
    await client.putSchedule({
      name: `bench-${i}`,
      trigger: { type: 'recurrence', frequency: 'minute', interval: 1, start_time: startTime, time_zone: 'UTC' },
      create_job: { type: 'command', command: 'true', experiment_name: 'bench-schedule' },
    });
  }
  const putMs = (now() - created) / COUNT;
  // The baseline: a timer in this process for the same instant.
  const timerLate = await new Promise((done) => setTimeout(() => done(Date.now() - fireAt), fireAt - Date.now()));
  const lateness = [];
  for (let i = 0; i < COUNT; i++) {
    for (;;) {
      const jobs = (await client.listJobs({ schedule: `bench-${i}`, maxResults: 5 })).value;
      if (jobs.length > 0) {
        lateness.push(Date.parse(jobs[0].created_at) - fireAt);
        break;
      }
      if (Date.now() > fireAt + 60_000) throw new Error(`schedule bench-${i} did not fire within a minute`);
      await sleep(50);
    }
  }
  for (let i = 0; i < COUNT; i++) await client.setScheduleEnabled(`bench-${i}`, false);
  console.log(`${COUNT} schedules due at the same second, local server\n`);
  console.log(`creating a schedule: ${putMs.toFixed(1)} ms each`);
  console.log(`a Node timer for that instant rang ${timerLate} ms late (baseline)`);
  console.log(`jobs created after their fire time: p50 ${percentile(lateness, 50)} ms, p95 ${percentile(lateness, 95)} ms, max ${Math.max(...lateness)} ms`);
});
