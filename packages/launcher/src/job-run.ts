import { join } from 'node:path';
import { describeCommandFailure, type Failure, type LaunchManifest, type RuntimeReport } from '@lathe/core';
import type { LatheClient } from '@lathe/sdk/client';
import { renderCommand } from '@lathe/spec/bindings';
import { asLaunchedJob, type CommandJob } from '@lathe/spec/job-spec';
import { BlobSource } from './blob-source.js';
import { preparePythonEnvironment } from './environment/python-environment.js';
import { UnmetRequirementsError } from './environment/unmet-requirements-error.js';
import { jobEnvironment } from './job-environment.js';
import { LogShipper } from './log-shipper.js';
import { DEFAULT_RECONNECT_MS, Reconnecting } from './reconnecting.js';
import { runCommand, type CommandOutcome } from './run-command.js';
import { stageJob, type StagedJob } from './stage-job.js';
import { TrackingEnvironment } from './tracking-environment.js';
import { uploadOutputs } from './upload-outputs.js';

const LOG_TAIL_LINES = 20;

/** One job's run, from staging to the final report. */
export class JobRun {
  private readonly spec: CommandJob;
  private readonly log: LogShipper;
  private readonly link: Reconnecting;

  constructor(
    private readonly folder: string,
    private readonly manifest: LaunchManifest,
    private readonly client: LatheClient,
    private readonly cancel: AbortController,
  ) {
    this.spec = asLaunchedJob(manifest.spec, 'job.json: spec');
    const launcherLog = (what: string, error: Error) => process.stderr.write(`lathe-launch: ${what}: ${error.message}; trying again while the server is away\n`);
    this.link = new Reconnecting(manifest.reconnectMs ?? DEFAULT_RECONNECT_MS, launcherLog);
    this.log = new LogShipper(client, manifest.job, join(folder, 'user_logs', 'std_log.txt'), this.link);
  }

  async run(): Promise<void> {
    let staged: StagedJob;
    let command: string;
    let tracking: TrackingEnvironment;
    try {
      for (const warning of this.manifest.warnings) this.log.write(`[lathe] warning: ${warning}\n`);
      // Looked up while the job stages, so it adds no time to the launch.
      const trackingLookup = TrackingEnvironment.resolve(this.manifest, (message) => this.log.write(`[lathe] warning: ${message}\n`));
      const runtime = await preparePythonEnvironment(this.spec.resolved_environment, {
        python: this.manifest.python,
        cacheDir: this.manifest.cacheDir,
        log: (line) => this.log.write(`${line}\n`),
      });
      const jobOutputs = this.manifest.artifactsDir ? { artifactsDir: this.manifest.artifactsDir, workspace: this.manifest.workspace } : undefined;
      staged = await stageJob(this.folder, this.spec, new BlobSource(this.client, this.manifest.blobDir), this.manifest.cacheDir, runtime, jobOutputs);
      // The server puts a component's command into the job it creates; none left means it did not.
      if (this.spec.command === undefined) throw new Error('the job has no command');
      command = renderCommand(this.spec.command, { inputs: staged.inputs, outputs: staged.outputs });
      tracking = await trackingLookup;
    } catch (error) {
      await this.finish({ status: 'Failed', exitCode: null, failure: preparationFailure(error) });
      return;
    }
    let outcome: CommandOutcome;
    try {
      outcome = await this.execute(command, staged, tracking);
    } catch (error) {
      const message = `the command could not be started: ${(error as Error).message}`;
      await this.finish({ status: 'Failed', exitCode: null, failure: failure('UserError', message, true) });
      return;
    }
    // The outputs go up while the report is on its way: the server takes them in either state.
    const [, uploadError] = await Promise.all([this.report({ status: 'Finalizing', exitCode: outcome.exitCode }), outcome.canceled ? undefined : this.uploadOutputs(staged)]);
    if (uploadError) {
      await this.finish({ status: 'Failed', exitCode: outcome.exitCode, failure: failure('SystemError', `uploading outputs failed: ${uploadError.message}`, false) });
      return;
    }
    await this.finish(this.result(outcome));
  }

  private async execute(command: string, staged: StagedJob, tracking: TrackingEnvironment): Promise<CommandOutcome> {
    return runCommand(command, {
      cwd: staged.workingDir,
      env: jobEnvironment(this.manifest, this.spec, staged, tracking),
      folder: this.folder,
      timeoutSeconds: this.spec.limits?.timeout,
      graceMs: this.manifest.cancelGraceMs,
      onOutput: (chunk) => this.log.write(chunk),
      onStarted: () => this.reportRunning(),
      cancel: this.cancel.signal,
    });
  }

  private async reportRunning(): Promise<void> {
    const { status } = await this.report({ status: 'Running' });
    // A cancel that landed while the job was Preparing may not have reached this process yet.
    if (status === 'CancelRequested' || status === 'Canceled') this.cancel.abort();
  }

  /** Uploads the outputs; returns the error instead of throwing, so the job still gets an outcome. */
  private async uploadOutputs(staged: StagedJob): Promise<Error | undefined> {
    try {
      await this.log.flush();
      await uploadOutputs(this.client, this.manifest.job, staged.outputDirs, this.folder, staged.workingDir, this.link);
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  private result(outcome: CommandOutcome): RuntimeReport {
    const { exitCode } = outcome;
    if (outcome.canceled) return { status: 'Canceled', exitCode };
    if (outcome.timedOut) {
      const seconds = this.spec.limits?.timeout;
      const message = `the job exceeded its time limit of ${seconds} s (limits.timeout) and was stopped`;
      return { status: 'Failed', exitCode, failure: failure('Timeout', message, false, { timeout_seconds: seconds }) };
    }
    if (exitCode === 0) return { status: 'Completed', exitCode: 0 };
    const how = exitCode === null ? `was killed by ${outcome.signal}` : `exited with code ${exitCode}`;
    const { message, logTail } = describeCommandFailure(how, this.log.tail(LOG_TAIL_LINES));
    return { status: 'Failed', exitCode, failure: failure('UserError', message, false, { exit_code: exitCode, signal: outcome.signal, log_tail: logTail }) };
  }

  private async finish(report: RuntimeReport): Promise<void> {
    if (report.status === 'Failed') this.log.write(`[lathe] ${report.failure.type}: ${report.failure.message.split('\n')[0]}\n`);
    await this.log.close();
    await this.report(report);
  }

  private report(report: RuntimeReport): ReturnType<LatheClient['reportRuntime']> {
    return this.link.call(`reporting ${report.status}`, () => this.client.reportRuntime(this.manifest.job, report));
  }
}

function preparationFailure(error: unknown): Failure {
  // The environment cannot be met on this machine: the user's to fix, and the command never ran.
  if (error instanceof UnmetRequirementsError) return failure('UserError', error.message, true, error.details);
  return failure('SystemError', `could not prepare the job: ${(error as Error).message}`, true);
}

function failure(type: Failure['type'], message: string, nonRetryable: boolean, details: Record<string, unknown> = {}): Failure {
  return { type, message, nonRetryable, details };
}
