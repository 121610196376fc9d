import type { ScheduleResource } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command, type OptionValues } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';
import { uploadProgressOption } from '../upload-progress.js';

const time = (iso: string | null) => (iso === null ? '' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

const COLUMNS = [
  { header: 'Name', value: (s: ScheduleResource) => s.name },
  { header: 'Trigger', value: (s: ScheduleResource) => triggerText(s.trigger) },
  { header: 'Job', value: (s: ScheduleResource) => s.create_job.display_name ?? s.create_job.type },
  { header: 'Enabled', value: (s: ScheduleResource) => (s.enabled ? 'yes' : 'no') },
  { header: 'Next fire', value: (s: ScheduleResource) => time(s.next_fire_time) },
  { header: 'Last fired', value: (s: ScheduleResource) => time(s.last_fired_time) },
  { header: 'Last job', value: (s: ScheduleResource) => s.last_job ?? (s.last_error ? 'failed' : '') },
];

// `cron 0 2 * * * (Pacific Standard Time)`, `every 1 minute from 2024-05-01T09:00:00 (UTC)`.
function triggerText(trigger: Record<string, unknown>): string {
  const zone = typeof trigger.time_zone === 'string' ? ` (${trigger.time_zone})` : '';
  if (trigger.type === 'cron') return `cron ${String(trigger.expression)}${zone}`;
  const interval = Number(trigger.interval ?? 1);
  const from = typeof trigger.start_time === 'string' ? ` from ${trigger.start_time}` : '';
  return `every ${interval} ${String(trigger.frequency)}${interval === 1 ? '' : 's'}${from}${zone}`;
}

function scheduleName(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a schedule name is required: --name <schedule>');
  return name;
}

const nameOption = { name: { type: 'string', short: 'n', description: 'the schedule name' } } as const;

/** `lathe schedule create --file F`: uploads the job's code and local inputs as `job create` does, then creates the schedule. */
export const scheduleCreate: Command = {
  name: 'schedule create',
  summary: 'Create or replace a schedule from Azure ML v2 schedule YAML (cron or recurrence, firing create_job)',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f', description: 'the schedule YAML (Azure ML v2)' },
    name: { type: 'string', short: 'n', description: "the name (overrides the file's)" },
    set: { type: 'string', multiple: true, description: 'override fields, values read as YAML: --set trigger.interval=2' },
  },
  usage: 'lathe schedule create --file schedule.yml [--name N] [--set k=v]…',
  async run(values, _positionals, io) {
    const file = values.file as string | undefined;
    if (file === undefined) throw new UsageError('--file is required: the schedule YAML');
    const { createScheduleFile } = await import('@lathe/sdk');
    const { schedule, warnings } = await createScheduleFile(io.client(), file, {
      set: (values.set as string[] | undefined) ?? [],
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...uploadProgressOption(),
    });
    for (const warning of warnings) io.err(`Warning: ${warning}\n`);
    const output = parseOutput(values);
    if (isTable(output)) io.out(`Schedule ${schedule.name}: ${triggerText(schedule.trigger)}; next fire ${time(schedule.next_fire_time) || 'none'}\n`);
    else io.out(render(output, schedule, [schedule], COLUMNS));
    return 0;
  },
};

/** `lathe schedule list`. */
export const scheduleList: Command = {
  name: 'schedule list',
  summary: 'List the schedules with their next and last fire',
  options: { ...COMMON_OPTIONS },
  usage: 'lathe schedule list [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const schedules = await io.client().listSchedules();
    io.out(render(parseOutput(values), schedules, schedules, COLUMNS));
    return 0;
  },
};

/** `lathe schedule show --name N`: the schedule, and the jobs it created. */
export const scheduleShow: Command = {
  name: 'schedule show',
  summary: 'Show a schedule: its trigger, next and last fire, its last error, and the jobs it created',
  options: { ...COMMON_OPTIONS, ...nameOption },
  positional: '<name>',
  usage: 'lathe schedule show --name N [-o table|json|yaml|tsv]',
  async run(values, positionals, io) {
    const client = io.client();
    const schedule = await client.getSchedule(scheduleName(values, positionals));
    const jobs = (await client.listJobs({ schedule: schedule.name, maxResults: 20, view: 'all' })).value;
    const output = parseOutput(values);
    io.out(render(output, { ...schedule, jobs }, [schedule], COLUMNS));
    if (isTable(output)) {
      if (schedule.last_error) io.out(`\nLast fire failed: ${schedule.last_error}\n`);
      io.out(`\nJobs it created (newest first): ${jobs.length === 0 ? 'none yet' : jobs.map((j) => `${j.name} ${j.status}`).join(', ')}\n`);
    }
    return 0;
  },
};

function toggle(enabled: boolean): Command {
  const verb = enabled ? 'enable' : 'disable';
  return {
    name: `schedule ${verb}`,
    summary: enabled ? 'Enable a schedule: it fires again, its next fire counted from now' : 'Disable a schedule: it stops firing until enabled',
    options: { ...COMMON_OPTIONS, ...nameOption },
    positional: '<name>',
    usage: `lathe schedule ${verb} --name N`,
    async run(values, positionals, io) {
      const schedule = await io.client().setScheduleEnabled(scheduleName(values, positionals), enabled);
      const output = parseOutput(values);
      if (isTable(output)) io.out(`Schedule ${schedule.name} ${verb}d${enabled ? `; next fire ${time(schedule.next_fire_time) || 'none'}` : ''}\n`);
      else io.out(render(output, schedule, [schedule], COLUMNS));
      return 0;
    },
  };
}

/** `lathe schedule enable --name N`. */
export const scheduleEnable = toggle(true);

/** `lathe schedule disable --name N`. */
export const scheduleDisable = toggle(false);

/** `lathe schedule delete --name N`: the jobs it created stay. */
export const scheduleDelete: Command = {
  name: 'schedule delete',
  summary: 'Delete a schedule (the jobs it created stay)',
  options: { ...COMMON_OPTIONS, ...nameOption },
  positional: '<name>',
  usage: 'lathe schedule delete --name N',
  async run(values, positionals, io) {
    const name = scheduleName(values, positionals);
    await io.client().deleteSchedule(name);
    io.out(`Deleted schedule ${name}\n`);
    return 0;
  },
};
