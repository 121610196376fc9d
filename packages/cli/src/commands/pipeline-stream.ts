import type { JobResource } from '@lathe/api';
import { isTerminal } from '@lathe/core';
import type { LatheClient } from '@lathe/sdk';
import type { CommandIo } from '../command.js';
import { pipelineStepsText, stepName } from '../pipeline-details.js';

/** How often the pipeline is read while it runs. */
const POLL_MS = 500;

/**
 * Follows a pipeline until it ends: a line as each step's job starts and as it ends (with its
 * error's first line when it failed), as a pipeline has no log of its own; then the steps table.
 */
export async function followPipeline(client: LatheClient, name: string, io: CommandIo): Promise<void> {
  const started = new Set<string>();
  const ended = new Set<string>();
  for (;;) {
    const pipeline = await client.getJob(name);
    const children: JobResource[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.listChildJobs(name, { maxResults: 1000, ...(pageToken ? { pageToken } : {}) });
      children.push(...page.value);
      pageToken = page.next_page_token;
    } while (pageToken);
    for (const child of children.reverse()) {
      const step = stepName(name, child);
      if (!started.has(child.name) && child.started_at !== null) {
        started.add(child.name);
        io.out(`step ${step} started (${child.name})\n`);
      }
      if (!ended.has(child.name) && isTerminal(child.status)) {
        ended.add(child.name);
        io.out(`step ${step} ${child.status}${child.error ? `: ${child.error.message.split('\n')[0]}` : ''}\n`);
      }
    }
    if (isTerminal(pipeline.status)) {
      io.out(`\n${pipelineStepsText(pipeline, children)}`);
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
