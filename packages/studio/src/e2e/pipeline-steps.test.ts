// What the pipeline graph draws from a pipeline job and its step jobs: edges with their
// output → input names, each step's state, and steps blocked behind a failed one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { pipelineSteps } from '../app/pages/pipeline/pipeline-steps.js';

const job = (name: string, fields: Partial<JobResource> = {}) => ({ name, status: 'Completed', duration_seconds: 2, reused_from: null, ...fields }) as JobResource;

const PIPELINE = job('p', {
  type: 'pipeline',
  spec: {
    jobs: {
      a: { command: 'echo', outputs: { out: {}, log: {} } },
      b: { inputs: { x: '${{parent.jobs.a.outputs.out}}', y: '${{parent.jobs.a.outputs.log}}', n: 3 } },
      c: { type: 'sweep', inputs: { x: '${{parent.jobs.a.outputs.out}}', lr: '${{parent.inputs.lr}}' } },
      d: { inputs: { b: '${{parent.jobs.b.outputs.out}}', c: '${{ parent.jobs.c.outputs.out }}' } },
      e: { inputs: { d: '${{parent.jobs.d.outputs.out}}' } },
      odd: 'not a step',
    },
  },
});

describe('pipelineSteps', () => {
  it('reads edges from output bindings, one per pair with every output → input', () => {
    const { steps, edges } = pipelineSteps(PIPELINE, []);
    assert.deepEqual(
      steps.map((s) => [s.step, s.kind, s.deps]),
      [
        ['a', 'command', []],
        ['b', 'command', ['a']],
        ['c', 'sweep', ['a']],
        ['d', 'command', ['b', 'c']],
        ['e', 'command', ['d']],
      ],
    );
    assert.deepEqual(edges, [
      { from: 'a', to: 'b', labels: ['out → x', 'log → y'] },
      { from: 'a', to: 'c', labels: ['out → x'] },
      { from: 'b', to: 'd', labels: ['out → b'] },
      { from: 'c', to: 'd', labels: ['out → c'] },
      { from: 'd', to: 'e', labels: ['out → d'] },
    ]);
  });

  it("takes each step's state from its job `<pipeline>_<step>`, reuse included", () => {
    const { steps } = pipelineSteps(PIPELINE, [job('p_a', { reused_from: 'old_a', duration_seconds: 0 }), job('p_b', { status: 'Running', duration_seconds: 5 }), job('p_ca', { status: 'Failed' })]);
    assert.deepEqual(
      steps.map((s) => [s.step, s.job, s.status, s.durationSeconds, s.reusedFrom]),
      [
        ['a', 'p_a', 'Completed', 0, 'old_a'],
        ['b', 'p_b', 'Running', 5, null],
        ['c', 'p_c', 'NotStarted', null, null],
        ['d', 'p_d', 'NotStarted', null, null],
        ['e', 'p_e', 'NotStarted', null, null],
      ],
    );
  });

  it('blocks the steps behind a failed or canceled step, through others, and no others', () => {
    const blocked = (children: JobResource[]) => pipelineSteps(PIPELINE, children).steps.map((s) => `${s.step}:${s.status}`);
    assert.deepEqual(blocked([job('p_a'), job('p_b', { status: 'Failed' }), job('p_c', { status: 'Running' })]), ['a:Completed', 'b:Failed', 'c:Running', 'd:Blocked', 'e:Blocked']);
    assert.deepEqual(blocked([job('p_a', { status: 'Canceled' })]), ['a:Canceled', 'b:Blocked', 'c:Blocked', 'd:Blocked', 'e:Blocked']);
    assert.deepEqual(blocked([job('p_a'), job('p_b')]), ['a:Completed', 'b:Completed', 'c:NotStarted', 'd:NotStarted', 'e:NotStarted']);
  });

  it('draws nothing for a spec without steps', () => {
    assert.deepEqual(pipelineSteps(job('q', { spec: {} }), []), { steps: [], edges: [] });
  });
});
