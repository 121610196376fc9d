import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandJob } from '@lathe/spec';
import { reuseKeyOf } from './reuse-key.js';

const BLOB = (c: string) => `blob://${c.repeat(64)}`;

const JOB: CommandJob = {
  type: 'command',
  command: 'python train.py --data ${{inputs.data}} --lr ${{inputs.lr}} --out ${{outputs.model}}',
  code: BLOB('c'),
  environment: 'azureml:sklearn:1',
  inputs: { data: { type: 'uri_folder', path: BLOB('d'), mode: 'ro_mount' }, lr: 0.1 },
  outputs: { model: { type: 'uri_folder', mode: 'rw_mount' } },
};

describe('reuseKeyOf', () => {
  it('is the same for the same work, whatever the job is called, shown as, run on, or where its input was copied from', () => {
    const renamed: CommandJob = {
      ...JOB,
      name: 'other',
      display_name: 'train again',
      experiment_name: 'elsewhere',
      tags: { try: '2' },
      compute: 'azureml:gpu',
      limits: { timeout: 60 },
      inputs: { lr: 0.1, data: { type: 'uri_folder', path: BLOB('d'), mode: 'download', source_path: 'azureml://jobs/p_prep/outputs/out' } as never },
    };
    assert.equal(reuseKeyOf(renamed), reuseKeyOf(JOB));
  });

  it('differs when the command, code, environment, a parameter, an input content, an environment variable or an output does', () => {
    const changes: Partial<CommandJob>[] = [
      { command: `${JOB.command} --verbose` },
      { code: BLOB('e') },
      { environment: 'azureml:sklearn:2' },
      { inputs: { ...JOB.inputs, lr: 0.2 } },
      { inputs: { ...JOB.inputs, data: { type: 'uri_folder', path: BLOB('f'), mode: 'ro_mount' } } },
      { environment_variables: { SEED: '1' } },
      { outputs: { model: { type: 'uri_file', mode: 'rw_mount' } } },
      { resources: { instance_count: 2 } },
    ];
    const keys = changes.map((change) => reuseKeyOf({ ...JOB, ...change }));
    assert.equal(new Set([...keys, reuseKeyOf(JOB)]).size, changes.length + 1);
  });

  it('reads the resolved environment, so an @latest that moved to a new version is new work', () => {
    const resolved = (version: string) => ({ ...JOB, environment: 'azureml:sklearn@latest', resolved_environment: { name: 'sklearn', version } as never });
    assert.notEqual(reuseKeyOf(resolved('1')), reuseKeyOf(resolved('2')));
  });
});
