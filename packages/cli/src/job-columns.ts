import type { JobResource } from '@lathe/api';
import { formatDuration, type Column } from './output.js';

/** Columns of `lathe job list` and `lathe job show` tables. */
export const JOB_COLUMNS: Column<JobResource>[] = [
  { header: 'Name', value: (j) => j.name },
  { header: 'Status', value: (j) => j.status },
  { header: 'Experiment', value: (j) => j.experiment_name },
  { header: 'Display name', value: (j) => j.display_name ?? '' },
  { header: 'Compute', value: (j) => j.compute },
  { header: 'Created', value: (j) => j.created_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z') },
  { header: 'Duration', value: (j) => formatDuration(j.duration_seconds) },
];

/** The detail block `lathe job show` prints under its table. */
export function jobDetails(job: JobResource): string {
  const lines: string[] = [];
  const spec = job.spec as { command?: string };
  if (spec.command) lines.push(`Command: ${spec.command}`);
  if (job.schedule !== null) lines.push(`Schedule: ${job.schedule}`);
  if (job.exit_code !== null) lines.push(`Exit code: ${job.exit_code}`);
  lines.push(`History: ${job.status_history.map((e) => e.status).join(' → ')}`);
  // Why a job was stopped (by a sweep's policy, a timeout) is on the event that stopped it.
  for (const e of job.status_history) if (e.status === 'CancelRequested' && e.reason) lines.push(`Canceled because: ${e.reason}`);
  if (job.reused_from) lines.push(`Reused: ran nothing; its outputs are those of job ${job.reused_from} (lathe job show ${job.reused_from})`);
  for (const w of job.warnings) lines.push(`Warning: ${w}`);
  if (job.error) lines.push(`Error (${job.error.type}): ${job.error.message}`);
  return `${lines.join('\n')}\n`;
}
