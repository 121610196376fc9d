import type { LatheClient } from '@lathe/sdk';
import { ERROR_CODES, failureSummary } from '@lathe/core';
import { COMMON_OPTIONS, jobName, type Command, type CommandIo } from '../command.js';
import { studioJobUrl } from '../studio-link.js';
import { followPipeline } from './pipeline-stream.js';
import { followSweep } from './sweep-stream.js';

/**
 * Follows a job's log (a sweep's trials, a pipeline's steps) until the job ends, then prints its outcome. Exit code 0 when it
 * Completed, `LATHE_JOB_FAILED`'s or `LATHE_JOB_CANCELED`'s code otherwise.
 */
export async function streamJob(client: LatheClient, name: string, io: CommandIo): Promise<number> {
  const type = (await client.getJob(name)).type;
  const what = type === 'sweep' ? "the sweep's trials" : type === 'pipeline' ? "the pipeline's steps" : 'user_logs/std_log.txt';
  io.out(`RunId: ${name}\nWeb View: ${studioJobUrl(client, name)}\n\nStreaming ${what}\n${'='.repeat(10 + what.length)}\n\n`);
  if (type === 'sweep') {
    await followSweep(client, name, io);
  } else if (type === 'pipeline') {
    await followPipeline(client, name, io);
  } else {
    const decoder = new TextDecoder();
    for await (const chunk of client.followLogs(name)) io.out(decoder.decode(chunk, { stream: true }));
  }
  const job = await client.getJob(name);
  io.out(`\nExecution Summary\n=================\nRunId: ${name}\nStatus: ${job.status}\n`);
  // The log was just printed: the error without the log's end, so a traceback shows once.
  if (job.error) io.err(`Error (${job.error.type}): ${failureSummary(job.error)}\n`);
  if (job.status === 'Completed') return 0;
  return job.status === 'Canceled' ? ERROR_CODES.LATHE_JOB_CANCELED.exit : ERROR_CODES.LATHE_JOB_FAILED.exit;
}

/** `lathe job stream --name N`. */
export const jobStream: Command = {
  name: 'job stream',
  summary: "Follow a job's log (a sweep's trials) until it ends; non-zero exit when it did not complete",
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'the job name' } },
  positional: '<job>',
  usage: 'lathe job stream --name <job>',
  run: (values, positionals, io) => streamJob(io.client(), jobName(values, positionals), io),
};
