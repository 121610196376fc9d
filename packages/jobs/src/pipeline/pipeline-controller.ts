import { isTerminal, type Failure, type JobRecord } from '@lathe/core';
import type { ControllerContext, ControllerDecision, JobController } from '@lathe/scheduler';
import { isPipelineJob, stepDependencies, type PipelineJobSpec } from '@lathe/spec';
import { stepJobName, stepSpec } from './step-spec.js';

/**
 * Runs `type: pipeline` jobs: each step is a child command job, created as soon as every step it
 * reads outputs from has Completed, so independent steps run at once (as the computes allow). A
 * step that fails (or is canceled) fails the pipeline at once and its running steps are canceled;
 * with `settings.continue_on_step_failure`, the steps that do not depend on it run on, and the
 * pipeline fails when nothing more can run. A step whose work an earlier Completed job already
 * did (same component, code, environment, parameters and input contents) reuses that job's
 * outputs and is Completed at once, unless `settings.force_rerun` is set. It keeps no state of
 * its own: the children, named
 * `<pipeline>_<step>`, are the state, so a restarted server resumes the graph where it was.
 */
export class PipelineController implements JobController {
  async advance(job: JobRecord, children: readonly JobRecord[], ctx: ControllerContext): Promise<ControllerDecision> {
    if (!isPipelineJob(job.spec)) throw new Error(`job ${job.name} is not a pipeline job`);
    const spec: PipelineJobSpec = job.spec;
    const byName = new Map(children.map((c) => [c.name, c]));
    const childOf = (step: string) => byName.get(stepJobName(job.name, step));
    const broken = (step: string) => {
      const status = childOf(step)?.status;
      return status === 'Failed' || status === 'Canceled';
    };
    const failed = Object.keys(spec.jobs).filter(broken);
    const keepGoing = spec.settings?.continue_on_step_failure === true;
    if (failed.length > 0 && !keepGoing) return { status: 'Failed', failure: stepFailure(failed, childOf) };

    // A step waits on the steps it reads; one downstream of a failed step never runs.
    const blocked = new Set<string>();
    const isBlocked = (step: string, seen: Set<string> = new Set()): boolean => {
      if (blocked.has(step)) return true;
      if (seen.has(step)) return false;
      seen.add(step);
      const upstream = stepDependencies(spec.jobs[step]!);
      const result = upstream.some((u) => broken(u) || isBlocked(u, seen));
      if (result) blocked.add(step);
      return result;
    };
    // A step that reuses an earlier run is created Completed, which may ready the steps after it
    // at once: go round until no step starts.
    const reuse = spec.settings?.force_rerun !== true;
    for (let started = true; started;) {
      started = false;
      for (const step of Object.keys(spec.jobs)) {
        if (childOf(step) !== undefined || isBlocked(step)) continue;
        if (!stepDependencies(spec.jobs[step]!).every((u) => childOf(u)?.status === 'Completed')) continue;
        const child = await ctx.createChild({ name: stepJobName(job.name, step), spec: stepSpec(job.name, spec, step), reuse });
        byName.set(child.name, child);
        started ||= child.status === 'Completed';
      }
    }
    const live = Object.keys(spec.jobs).some((step) => {
      const child = childOf(step);
      return child !== undefined && !isTerminal(child.status);
    });
    const waiting = Object.keys(spec.jobs).some((step) => childOf(step) === undefined && !isBlocked(step));
    if (live || waiting) return { status: 'Running' };
    if (failed.length > 0) return { status: 'Failed', failure: stepFailure(failed, childOf) };
    return { status: 'Completed' };
  }
}

function stepFailure(failed: readonly string[], childOf: (step: string) => JobRecord | undefined): Failure {
  const first = failed[0] as string;
  const child = childOf(first);
  const why = child?.failure?.message ?? `it ended ${child?.status ?? 'Failed'}`;
  const others =
    failed.length > 1
      ? ` (and ${failed
          .slice(1)
          .map((s) => `'${s}'`)
          .join(', ')})`
      : '';
  return { type: 'UserError', message: `step '${first}'${others} did not complete: ${why}`, nonRetryable: false, details: { failed_steps: [...failed], step_job: child?.name ?? null } };
}
