import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LatheError } from '@lathe/core';
import { loadCommandJobFile, parseCommandJob, validateCommandJob } from './command-job.js';
import type { SpecFinding } from './spec-report.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url));
const AZURE_SCHEMA = 'https://azuremlschemas.azureedge.net/latest/commandJob.schema.json';

describe('loadCommandJobFile with good files', () => {
  it('reads a hello-world job and fills in type command', async () => {
    const file = fixture('good/hello-world.yml');
    const job = await loadCommandJobFile(file);
    assert.deepEqual(job.spec, {
      $schema: AZURE_SCHEMA,
      type: 'command',
      command: 'echo "hello world"',
      environment: { image: 'library/python:latest' },
      compute: 'azureml:cpu-cluster',
    });
    assert.deepEqual(job.warnings, []);
    assert.equal(job.file, file);
    assert.equal(job.baseDir, dirname(file));
  });

  it('reads an output named with no value as a uri_folder with every default, as Azure ML does', () => {
    const text = 'command: echo hi > ${{outputs.hello_output}}/x.txt\noutputs:\n  hello_output:\n  model: {type: uri_file}\n';
    const job = parseCommandJob(text, { file: 'job.yml' });
    assert.deepEqual(job.spec.outputs, { hello_output: { type: 'uri_folder', mode: 'rw_mount' }, model: { type: 'uri_file', mode: 'rw_mount' } });
    assert.deepEqual(validateCommandJob({ command: 'echo', outputs: { hello_output: null } }).spec.outputs, { hello_output: { type: 'uri_folder', mode: 'rw_mount' } });
    // Only outputs: an input still needs a value.
    assert.match(expectInvalidSpec(() => parseCommandJob('command: echo\ninputs:\n  x:\n', { file: 'job.yml' })).message, /^job\.yml:3:\d+: inputs\.x/);
  });

  it('reads a job written as in Azure/azureml-examples and normalises it', async () => {
    const job = await loadCommandJobFile(fixture('good/lightgbm-iris.yml'));
    assert.deepEqual(job.spec, {
      $schema: AZURE_SCHEMA,
      type: 'command',
      code: 'src',
      command:
        'python main.py --iris-csv ${{inputs.iris_csv}} --data-dir ${{inputs.training_data}}' +
        ' --learning-rate ${{inputs.learning_rate}} --boosting ${{inputs.boosting}} --model-dir ${{outputs.model_dir}}',
      inputs: {
        iris_csv: { type: 'uri_file', path: 'https://azuremlexamples.blob.core.windows.net/datasets/iris.csv', mode: 'download' },
        training_data: { type: 'uri_folder', path: './data', mode: 'ro_mount' },
        reference_data: { type: 'uri_folder', path: 'azureml:iris-reference:1', mode: 'ro_mount' },
        learning_rate: 0.9,
        boosting: 'gbdt',
        verbose: true,
      },
      outputs: {
        model_dir: { type: 'uri_folder', mode: 'rw_mount' },
        metrics: { type: 'uri_file', mode: 'upload' },
      },
      environment: 'azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest',
      environment_variables: { OMP_NUM_THREADS: '4', LEARNING_RATE: '0.5', VERBOSE: 'true', MODE: 'fast' },
      compute: 'azureml:cpu-cluster',
      tags: { epochs: '5', framework: 'lightgbm' },
      display_name: 'lightgbm-iris-example',
      experiment_name: 'lightgbm-iris-example',
      description: 'Train a LightGBM model on the Iris dataset.',
    });
    assert.deepEqual(job.warnings, []);
  });

  it('fills input type uri_folder and mode ro_mount when a data input leaves them out', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/lightgbm-iris.yml'));
    assert.deepEqual(spec.inputs?.reference_data, { type: 'uri_folder', path: 'azureml:iris-reference:1', mode: 'ro_mount' });
  });

  it('fills output type uri_folder and mode rw_mount when an output leaves them out', async () => {
    const { spec } = parseCommandJob('command: train ${{outputs.model}}\noutputs:\n  model: {}\n', { file: 'job.yml' });
    assert.deepEqual(spec.outputs, { model: { type: 'uri_folder', mode: 'rw_mount' } });
  });

  it('matches enum values case-insensitively and stores the listed spelling', async () => {
    const iris = await loadCommandJobFile(fixture('good/lightgbm-iris.yml'));
    assert.deepEqual(iris.spec.inputs?.iris_csv, {
      type: 'uri_file',
      path: 'https://azuremlexamples.blob.core.windows.net/datasets/iris.csv',
      mode: 'download',
    });
    assert.deepEqual(iris.spec.inputs?.training_data, { type: 'uri_folder', path: './data', mode: 'ro_mount' });
    assert.deepEqual(iris.spec.outputs?.metrics, { type: 'uri_file', mode: 'upload' });
    const inline = await loadCommandJobFile(fixture('good/inline-environment.yml'));
    assert.deepEqual(inline.spec.identity, { type: 'user_identity' });
    const distributed = await loadCommandJobFile(fixture('good/pytorch-distributed.yml'));
    assert.equal(distributed.spec.distribution?.type, 'pytorch');
  });

  it('stores numeric and boolean environment variables and tags as strings', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/lightgbm-iris.yml'));
    assert.deepEqual(spec.environment_variables, { OMP_NUM_THREADS: '4', LEARNING_RATE: '0.5', VERBOSE: 'true', MODE: 'fast' });
    assert.deepEqual(spec.tags, { epochs: '5', framework: 'lightgbm' });
  });

  it('keeps literal inputs as the numbers, strings and booleans written', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/lightgbm-iris.yml'));
    assert.equal(spec.inputs?.learning_rate, 0.9);
    assert.equal(spec.inputs?.boosting, 'gbdt');
    assert.equal(spec.inputs?.verbose, true);
  });

  it('accepts a registry environment, pytorch distribution, resources and limits', async () => {
    const job = await loadCommandJobFile(fixture('good/pytorch-distributed.yml'));
    assert.equal(job.spec.environment, 'azureml://registries/azureml/environments/sklearn-1.5/labels/latest');
    assert.deepEqual(job.spec.distribution, { type: 'pytorch', process_count_per_instance: 2 });
    assert.deepEqual(job.spec.resources, { instance_count: 2, shm_size: '8g' });
    assert.deepEqual(job.spec.limits, { timeout: 3600 });
    assert.deepEqual(job.spec.inputs, { epochs: 1, learning_rate: 0.2, cifar: 'azureml:cifar-10-example:1' });
    assert.equal(job.spec.compute, 'azureml:gpu-cluster');
    assert.deepEqual(job.warnings, []);
  });

  it('accepts datastore paths, registry models, job outputs, run artifacts and @latest as input paths', async () => {
    const job = await loadCommandJobFile(fixture('good/asset-inputs.yml'));
    assert.deepEqual(job.spec.inputs, {
      data: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/example-data/', mode: 'ro_mount' },
      model: { type: 'mlflow_model', path: 'azureml://registries/azureml/models/gpt2/versions/4', mode: 'ro_mount' },
      previous: { type: 'uri_folder', path: 'azureml://jobs/sincere_tangelo_4kqjw8vbcs/outputs/model_dir/paths/', mode: 'ro_mount' },
      run: { type: 'custom_model', path: 'runs:/8b3c2a1f/model', mode: 'ro_mount' },
      latest: { type: 'uri_file', path: 'azureml:iris-csv@latest', mode: 'ro_mount' },
    });
    assert.deepEqual(job.warnings, []);
  });

  it('accepts an inline environment with an image and a conda file', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/inline-environment.yml'));
    assert.deepEqual(spec.environment, {
      image: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest',
      conda_file: './environment/conda.yml',
    });
  });

  it('warns with file:line:column about identity, services and unknown settings in lenient blocks', async () => {
    const file = fixture('good/inline-environment.yml');
    const job = await loadCommandJobFile(file);
    assert.deepEqual(job.warnings, [
      `${file}:13:5: services.my_tensor_board.log_dir: unknown setting 'log_dir' is ignored`,
      `${file}:18:3: queue_settings.retry_budget: unknown setting 'retry_budget' is ignored`,
      `${file}:14:1: identity: accepted but not applied: jobs run as the user that runs the server`,
      `${file}:7:1: services: accepted but not started: interactive services are not available yet`,
    ]);
  });

  it('drops unknown settings of lenient blocks from the spec', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/inline-environment.yml'));
    assert.deepEqual(spec.queue_settings, { job_tier: 'standard' });
    assert.deepEqual(spec.services, {
      my_jupyter_lab: { type: 'jupyter_lab', nodes: 'all' },
      my_tensor_board: { type: 'tensor_board' },
    });
  });

  it('names the file given to parseCommandJob in warnings', async () => {
    const text = await readFile(fixture('good/inline-environment.yml'), 'utf8');
    const job = parseCommandJob(text, { file: 'jobs/inline.yml' });
    assert.equal(job.warnings[2], 'jobs/inline.yml:14:1: identity: accepted but not applied: jobs run as the user that runs the server');
    assert.equal(job.file, 'jobs/inline.yml');
  });
});

describe('loadCommandJobFile with unreadable or empty files', () => {
  it('throws LATHE_INVALID_SPEC naming a file that cannot be read', async () => {
    const file = fixture('good/no-such-file.yml');
    await assert.rejects(loadCommandJobFile(file), (error: unknown) => {
      assert.ok(error instanceof LatheError);
      assert.equal(error.code, 'LATHE_INVALID_SPEC');
      assert.match(error.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read the file \\(ENOENT`));
      assert.deepEqual(error.details, { file });
      return true;
    });
  });

  it('reports an empty file as a document that is not a mapping', () => {
    const error = expectInvalidSpec(() => parseCommandJob('', { file: 'empty.yml' }));
    assert.equal(error.message, 'empty.yml:1:1: (document): expected a mapping, got nothing');
  });

  it('reports a file of comments only as a document that is not a mapping', () => {
    const error = expectInvalidSpec(() => parseCommandJob('# nothing yet\n', { file: 'comments.yml' }));
    assert.equal(error.message, 'comments.yml:1:1: (document): expected a mapping, got nothing');
  });
});

describe('validateCommandJob', () => {
  it('validates plain data and returns the normalised spec', () => {
    const { spec, warnings } = validateCommandJob({
      command: 'python train.py --data ${{inputs.data}}',
      inputs: { data: { path: './data', mode: 'Download' } },
      tags: { epochs: 5 },
    });
    assert.deepEqual(spec, {
      type: 'command',
      command: 'python train.py --data ${{inputs.data}}',
      inputs: { data: { type: 'uri_folder', path: './data', mode: 'download' } },
      tags: { epochs: '5' },
    });
    assert.deepEqual(warnings, []);
  });

  it('names the field path and request body in errors, without a position', () => {
    const error = expectInvalidSpec(() => validateCommandJob({ command: 'x', inputs: { data: { path: 'p', mode: 'mounted' } } }));
    const expected = 'one of: ro_mount, download, rw_mount, direct, eval_mount, eval_download';
    assert.equal(error.message, `request body: inputs.data.mode: expected ${expected}, got the string "mounted"`);
    assert.deepEqual(error.details.errors, [{ file: 'request body', field: 'inputs.data.mode', message: `expected ${expected}, got the string "mounted"`, expected }] satisfies SpecFinding[]);
    assert.equal(error.details.field, 'inputs.data.mode');
    assert.equal(error.details.line, undefined);
  });

  it('names the source it is given', () => {
    const error = expectInvalidSpec(() => validateCommandJob({ command: 'x', limits: { timeout: 0 } }, 'trial 3'));
    assert.equal(error.message, 'trial 3: limits.timeout: expected an integer ≥ 1, got number 0');
  });

  it('reports a missing command and an undeclared binding together', () => {
    const error = expectInvalidSpec(() => validateCommandJob({ code: 'src' }));
    assert.equal(error.message, "request body: command: required field 'command' is missing");
    const bindings = expectInvalidSpec(() => validateCommandJob({ command: 'echo ${{inputs.a}} ${{outputs.b}}' }));
    const errors = bindings.details.errors as SpecFinding[];
    assert.deepEqual(
      errors.map((e) => [e.file, e.field, e.message]),
      [
        ['request body', 'command', "${{inputs.a}} refers to input 'a', which the job does not define"],
        ['request body', 'command', "${{outputs.b}} refers to output 'b', which the job does not define"],
      ],
    );
  });

  it('returns warnings that name the source', () => {
    const { warnings } = validateCommandJob({ command: 'x', identity: { type: 'Managed' }, services: { s: { type: 'SSH' } } });
    assert.deepEqual(warnings, [
      'request body: identity: accepted but not applied: jobs run as the user that runs the server',
      'request body: services: accepted but not started: interactive services are not available yet',
    ]);
  });

  it('reports a body that is null, a list or a string as not a mapping', () => {
    assert.equal(expectInvalidSpec(() => validateCommandJob(null)).message, 'request body: (document): expected a mapping, got nothing');
    assert.equal(expectInvalidSpec(() => validateCommandJob([])).message, 'request body: (document): expected a mapping, got a list');
    assert.equal(expectInvalidSpec(() => validateCommandJob('x')).message, 'request body: (document): expected a mapping, got the string "x"');
  });

  it('rejects job types other than command', () => {
    const error = expectInvalidSpec(() => validateCommandJob({ type: 'pipeline', jobs: {} }));
    assert.equal(error.message, "request body: type: 'pipeline' jobs are not supported yet; this file must be a command job");
  });

  it('accepts type command in any case', () => {
    assert.equal(validateCommandJob({ type: 'Command', command: 'x' }).spec.type, 'command');
  });

  it('accepts uploaded snapshots as input paths and refuses malformed ones', () => {
    const sha = 'c0ffee'.padEnd(64, '0');
    const { spec } = validateCommandJob({ command: 'x', inputs: { d: { path: `blob://${sha}/iris.csv`, type: 'uri_file' } } });
    assert.deepEqual(spec.inputs?.d, { type: 'uri_file', path: `blob://${sha}/iris.csv`, mode: 'ro_mount' });
    const error = expectInvalidSpec(() => validateCommandJob({ command: 'x', inputs: { d: { path: 'blob://abc' } } }, 'spec'));
    assert.equal(error.message, "spec: inputs.d.path: 'blob://abc' is not a valid snapshot reference: expected blob://<sha256> or blob://<sha256>/<file name>");
  });

  it('warns that an Azure storage URL input is recorded but not reachable', () => {
    const { warnings } = validateCommandJob({ command: 'x', inputs: { d: { path: 'abfss://fs@account.dfs.core.windows.net/data' } } });
    assert.deepEqual(warnings, ['request body: inputs.d.path: abfss:// URLs are recorded, not reachable from Lathe yet']);
  });

  it('does not change the value it validates', () => {
    const body = { command: 'x', inputs: { data: { path: 'p' } }, tags: { n: 1 } };
    const copy = structuredClone(body);
    validateCommandJob(body);
    assert.deepEqual(body, copy);
  });
});
