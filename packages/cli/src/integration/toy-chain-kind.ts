import { LatheError, type JobSpecDocument } from '@lathe/core';
import type { JobKind } from '@lathe/server';

/**
 * A job kind for tests only (`type: toy_chain`): runs `children` command jobs one after another,
 * each created when the one before it has Completed, then completes; fails as soon as a child
 * does not complete. `{i}` in `command` becomes the child's index. It keeps nothing in memory,
 * as every controller must, so a server killed in the middle resumes it.
 */
export const toyChainKind: JobKind = {
  type: 'toy_chain',
  description: 'test only: runs N command jobs one after another',
  validate(document, field) {
    const children = document.children;
    if (typeof children !== 'number' || !Number.isInteger(children) || children < 1 || children > 20) {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}.children: expected an integer from 1 to 20`, { details: { field: `${field}.children` } });
    }
    if (typeof document.command !== 'string' || document.command === '') {
      throw new LatheError('LATHE_INVALID_SPEC', `${field}.command: expected a command`, { details: { field: `${field}.command` } });
    }
    return { spec: document as JobSpecDocument, warnings: [] };
  },
  async resolve(_ctx, _workspace, spec) {
    return { spec, consumed: [], warnings: [] };
  },
  controller: {
    // Decides from the children as the store has them, so a call after a crash (even one between
    // creating a child and saving the state) picks up exactly where things are.
    async advance(job, children, context) {
      const count = job.spec.children as number;
      for (let index = 0; index < count; index++) {
        const child = children.find((c) => c.name === childName(job.name, index));
        if (!child) {
          const command = (job.spec.command as string).replaceAll('{i}', String(index));
          await context.createChild({ name: childName(job.name, index), spec: { type: 'command', command } });
          await context.saveState({ started: index + 1 });
          return { status: 'Running' };
        }
        if (child.status === 'Failed' || child.status === 'Canceled') {
          return { status: 'Failed', failure: { type: 'UserError', message: `child ${child.name} ended ${child.status}`, nonRetryable: false, details: {} } };
        }
        if (child.status !== 'Completed') return { status: 'Running' };
      }
      return { status: 'Completed' };
    },
  },
};

function childName(parent: string, index: number): string {
  return `${parent}-child-${index}`;
}
