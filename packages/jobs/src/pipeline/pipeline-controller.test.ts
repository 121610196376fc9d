import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord, JobStatus } from '@lathe/core';
import type { ControllerContext } from '@lathe/scheduler';
import { jobRecord } from '../job-record.test-support.js';
import { validatePipelineJob } from '@lathe/spec';
import { PipelineController } from './pipeline-controller.js';
import { stepSpec } from './step-spec.js';

// a → b, a → c, {b, c} → d: b and c run side by side once a has completed.
const DIAMOND = {
  type: 'pipeline',
  inputs: { raw: { type: 'uri_file', path: 'blob://' + 'a'.repeat(64) }, lr: 0.1, where: 'gpu-cluster' },
  outputs: { final: { type: 'uri_folder', name: 'final-model' } },
  settings: { default_compute: 'azureml:cpu-cluster', default_environment: 'azureml:env:1' },
  jobs: {
    a: { command: 'prep ${{inputs.raw}} ${{outputs.out}}', inputs: { raw: '${{parent.inputs.raw}}' }, outputs: { out: { type: 'uri_file' } } },
    b: { command: 'b ${{inputs.x}} ${{inputs.lr}} ${{outputs.out}}', inputs: { x: '${{parent.jobs.a.outputs.out}}', lr: '${{parent.inputs.lr}}' }, outputs: { out: null } },
    c: { command: 'c ${{inputs.x}}', compute: '${{parent.inputs.where}}', inputs: { x: '${{parent.jobs.a.outputs.out}}' } },
    d: { command: 'd ${{inputs.y}} ${{outputs.model}}', environment: 'azureml:other:2', inputs: { y: '${{parent.jobs.b.outputs.out}}' }, outputs: { model: '${{parent.outputs.final}}' } },
  },
};

class PipelineHarness {
  job: JobRecord;
  readonly children = new Map<string, JobRecord>();
  readonly ctx: ControllerContext;
  controller = new PipelineController();
  /** What each child was created with. */
  readonly reuse = new Map<string, boolean | undefined>();
  /** Steps whose work an earlier job did. */
  readonly doneBefore = new Set<string>();

  constructor(document: Record<string, unknown>) {
    const { spec } = validatePipelineJob(document);
    this.job = { ...jobRecord('p', { ...spec, type: 'pipeline' }, null), status: 'Running' };
    this.ctx = {
      createChild: async ({ name, spec: child, reuse }) => {
        const existing = this.children.get(name);
        if (existing) return existing;
        this.reuse.set(name, reuse);
        // A step the test says was done before is created Completed, as the store creates a reused step.
        const reused = reuse === true && this.doneBefore.has(name.slice('p_'.length));
        const created = { ...jobRecord(name, child, 'p'), ...(reused ? { status: 'Completed' as const, reusedFrom: `earlier_${name}` } : {}) };
        this.children.set(name, created);
        return created;
      },
      saveState: async () => assert.fail('a pipeline keeps no state of its own'),
      cancelChild: async () => assert.fail('a pipeline cancels through the scheduler'),
    };
  }

  advance() {
    return this.controller.advance(this.job, [...this.children.values()], this.ctx);
  }

  created(): string[] {
    return [...this.children.keys()];
  }

  end(step: string, status: JobStatus): void {
    const child = this.children.get(`p_${step}`);
    assert.ok(child, `step ${step} was not created`);
    child.status = status;
    if (status === 'Failed') child.failure = { type: 'UserError', message: `${step} exited 1`, nonRetryable: false, details: {} };
  }
}

describe('PipelineController', () => {
  it('starts each step once the steps it reads have completed, side by side where it can, then completes', async () => {
    const p = new PipelineHarness(DIAMOND);
    assert.deepEqual(await p.advance(), { status: 'Running' });
    assert.deepEqual(p.created(), ['p_a']);
    p.end('a', 'Completed');
    await p.advance();
    assert.deepEqual(p.created(), ['p_a', 'p_b', 'p_c']);
    p.end('c', 'Completed');
    await p.advance();
    assert.deepEqual(p.created(), ['p_a', 'p_b', 'p_c'], 'd waits for b');
    p.end('b', 'Completed');
    assert.deepEqual(await p.advance(), { status: 'Running' });
    p.end('d', 'Completed');
    assert.deepEqual(await p.advance(), { status: 'Completed' });
  });

  it('fails at the first failed step, naming it, unless continue_on_step_failure', async () => {
    const p = new PipelineHarness(DIAMOND);
    await p.advance();
    p.end('a', 'Completed');
    await p.advance();
    p.end('b', 'Failed');
    const decision = await p.advance();
    assert.equal(decision.status, 'Failed');
    assert.equal(decision.status === 'Failed' ? decision.failure.message : '', "step 'b' did not complete: b exited 1");
  });

  it('with continue_on_step_failure, runs what does not depend on the failed step, skips what does, then fails', async () => {
    const p = new PipelineHarness({ ...DIAMOND, settings: { ...DIAMOND.settings, continue_on_step_failure: true } });
    await p.advance();
    p.end('a', 'Completed');
    await p.advance();
    p.end('b', 'Failed');
    assert.deepEqual(await p.advance(), { status: 'Running' }, 'c still runs');
    p.end('c', 'Completed');
    const decision = await p.advance();
    assert.equal(decision.status, 'Failed');
    assert.deepEqual(p.created(), ['p_a', 'p_b', 'p_c'], 'd, downstream of b, never runs');
  });

  it('creates every step free to reuse, and at once the steps after reused ones, in one round', async () => {
    const p = new PipelineHarness(DIAMOND);
    for (const step of ['a', 'b', 'c']) p.doneBefore.add(step);
    assert.deepEqual(await p.advance(), { status: 'Running' });
    assert.deepEqual(p.created(), ['p_a', 'p_b', 'p_c', 'p_d'], 'd starts as soon as b and c were reused');
    assert.deepEqual([...p.reuse.values()], [true, true, true, true]);
    p.end('d', 'Completed');
    assert.deepEqual(await p.advance(), { status: 'Completed' });
  });

  it('with force_rerun, asks that no step be reused', async () => {
    const p = new PipelineHarness({ ...DIAMOND, settings: { ...DIAMOND.settings, force_rerun: true } });
    for (const step of ['a', 'b', 'c', 'd']) p.doneBefore.add(step);
    await p.advance();
    assert.deepEqual(p.created(), ['p_a']);
    assert.deepEqual([...p.reuse.values()], [false]);
  });

  it('resumes from its children alone, as a restarted server would', async () => {
    const p = new PipelineHarness(DIAMOND);
    await p.advance();
    p.end('a', 'Completed');
    p.controller = new PipelineController();
    await p.advance();
    await p.advance();
    assert.deepEqual(p.created(), ['p_a', 'p_b', 'p_c']);
  });

  it("gives each step its inputs: the pipeline's values, earlier steps' outputs by reference, and the settings' defaults", () => {
    const { spec } = validatePipelineJob(DIAMOND);
    assert.deepEqual(stepSpec('p', spec, 'b'), {
      type: 'command',
      command: 'b ${{inputs.x}} ${{inputs.lr}} ${{outputs.out}}',
      environment: 'azureml:env:1',
      display_name: 'b',
      compute: 'azureml:cpu-cluster',
      inputs: { x: { type: 'uri_file', path: 'azureml://jobs/p_a/outputs/out' }, lr: 0.1 },
      outputs: { out: { type: 'uri_folder', mode: 'rw_mount' } },
    });
    const c = stepSpec('p', spec, 'c');
    assert.equal(c.compute, 'gpu-cluster');
    const d = stepSpec('p', spec, 'd');
    assert.equal(d.environment, 'azureml:other:2');
    assert.deepEqual(d.outputs, { model: { type: 'uri_folder', mode: 'rw_mount', name: 'final-model' } });
    assert.deepEqual(stepSpec('p', spec, 'a').inputs, { raw: { type: 'uri_file', path: 'blob://' + 'a'.repeat(64), mode: 'ro_mount' } });
  });

  it('gives a step the snapshot a pipeline input was resolved to, without where it was copied from', () => {
    const { spec } = validatePipelineJob(DIAMOND);
    const resolved = {
      ...spec,
      inputs: { ...spec.inputs, raw: { type: 'uri_file', path: 'blob://' + 'b'.repeat(64), mode: 'ro_mount', source_path: 'azureml://datastores/workspaceblobstore/paths/raw.csv' } },
    };
    assert.deepEqual(stepSpec('p', resolved as typeof spec, 'a').inputs, { raw: { type: 'uri_file', path: 'blob://' + 'b'.repeat(64), mode: 'ro_mount' } });
  });
});
