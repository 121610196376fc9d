import { EventEmitter } from 'node:events';
import type { JobRecord } from '@lathe/core';

/**
 * In-process notifications about jobs and runs, for live views (log streams end when their job
 * ends, Studio redraws). `status` fires after every persisted transition with the updated record;
 * `metrics` after metric points of a run were written.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** Announces a persisted state change. */
  emitStatus(job: JobRecord): void {
    this.emitter.emit(`status:${job.workspace}/${job.name}`, job);
    this.emitter.emit('status', job);
  }

  /** Listens for state changes of one job; returns the function that stops listening. */
  onJobStatus(workspace: string, name: string, listener: (job: JobRecord) => void): () => void {
    const event = `status:${workspace}/${name}`;
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Listens for state changes of every job; returns the function that stops listening. */
  onStatus(listener: (job: JobRecord) => void): () => void {
    this.emitter.on('status', listener);
    return () => this.emitter.off('status', listener);
  }

  /** Announces that metric points of a run (any run, not only a job's) were written. */
  emitMetrics(workspace: string, runId: string, keys: readonly string[]): void {
    if (keys.length > 0) this.emitter.emit('metrics', workspace, runId, keys);
  }

  /** Listens for metric writes of every run; returns the function that stops listening. */
  onMetrics(listener: (workspace: string, runId: string, keys: readonly string[]) => void): () => void {
    this.emitter.on('metrics', listener);
    return () => this.emitter.off('metrics', listener);
  }

  /** How many listeners are attached, over every event: what a leak check compares. */
  listenerCount(): number {
    return this.emitter.eventNames().reduce((sum, name) => sum + this.emitter.listenerCount(name), 0);
  }

  /** Announces that a job's log grew. */
  emitLog(workspace: string, name: string, size: number): void {
    this.emitter.emit(`log:${workspace}/${name}`, size);
  }

  /** Listens for log growth of one job; returns the function that stops listening. */
  onJobLog(workspace: string, name: string, listener: (size: number) => void): () => void {
    const event = `log:${workspace}/${name}`;
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
