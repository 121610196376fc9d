// Environments on local compute, through the CLI against a real server with real venvs: an
// environment asset becomes a cached virtual environment over the machine's Python (built once,
// reused, rebuilt on change), requirements the machine lacks installed with pip from a local
// package index of tiny wheels (no outside network) or failing the job before its command,
// curated names from Azure examples run on their local equivalent, and unknown references are refused.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TrackingClient } from '@lathe/sdk';
import { TINY_WHEELS, startWheelIndex, type WheelIndex } from '@lathe/testing';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

const CHECK_PY = `import os, sys
import mlflow, pandas, sklearn
print("prefix", sys.prefix)
print("virtual env", os.environ.get("VIRTUAL_ENV"))
with mlflow.start_run():
    mlflow.log_metric("ran_in_env", 1.0)
`;

const job = (environment: string) => `code: src\ncommand: python check.py\nenvironment: ${environment}\nexperiment_name: environments\n`;

async function cli(t: TestServer, args: string[]): Promise<string> {
  const result = await runCli(args, t.url);
  assert.equal(result.code, 0, `lathe ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

/** Creates a job from `file`, waits for its end, returns it with its log. */
async function runJob(t: TestServer, file: string) {
  const created = await runCli(['job', 'create', '--file', file, '-o', 'json'], t.url);
  assert.equal(created.code, 0, created.stderr);
  const name = (JSON.parse(created.stdout) as { name: string }).name;
  const ended = await waitForEnd(t.client, name, 120_000);
  return { job: ended, log: await t.client.getLogs(name), stderr: created.stderr };
}

const seconds = (job: { created_at: string; ended_at: string | null }) => ((Date.parse(job.ended_at ?? '') - Date.parse(job.created_at)) / 1000).toFixed(2);

describe('environments on local compute', () => {
  let t: TestServer;
  let project: string;
  let index: WheelIndex;
  before(async () => {
    index = await startWheelIndex(TINY_WHEELS);
    // The launcher and its jobs inherit pip's settings (PIP_*) from the server's environment:
    // the local index only, not this machine's pip.conf.
    for (const name of Object.keys(process.env)) if (name.startsWith('PIP_')) delete process.env[name];
    Object.assign(process.env, { PIP_CONFIG_FILE: '/dev/null', PIP_INDEX_URL: index.url, PIP_DEFAULT_TIMEOUT: '5' });
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'project'), {
      'src/check.py': CHECK_PY,
      'asset-job.yml': job('azureml:sklearn-env:1'),
      'latest-job.yml': job('azureml:sklearn-env@latest'),
      'env-v2/env.yml': 'name: sklearn-env\nversion: 2\nconda_file: conda.yml\n',
      'env-v2/conda.yml': 'dependencies:\n  - python=3\n  - numpy\n  - pip:\n      - scikit-learn\n      - pandas\n      - mlflow\n',
      'curated-job.yml': job('azureml://registries/azureml/environments/sklearn-1.5/labels/latest'),
      'workspace-curated-job.yml': job('azureml:AzureML-sklearn-1.5@latest'),
      'unmet/conda.yml': 'dependencies:\n  - python=3\n  - pip:\n      - pandas\n      - lathe-tiny-alpha==9.9\n',
      'install/conda.yml': 'name: tiny\ndependencies:\n  - python=3\n  - pip\n  - pandas\n  - pip:\n      - lathe-tiny-alpha==1.0.0\n',
      'install/job.yml':
        'command: >-\n  python -c "import lathe_tiny_alpha as a, sys; print(\'tiny\', a.VERSION, a.__file__.startswith(sys.prefix))"\n  && pip install lathe-tiny-beta\n  && python -c "import lathe_tiny_beta; print(\'beta imported\')"\nenvironment:\n  conda_file: conda.yml\n',
      'unmet/job.yml': 'command: echo COMMAND-RAN\nenvironment:\n  conda_file: conda.yml\n',
      'unknown.yml': 'command: echo hi\nenvironment: azureml:no-such-env:1\n',
      'unknown-curated.yml': 'command: echo hi\nenvironment: azureml://registries/azureml/environments/no-such-curated/labels/latest\n',
      'image.yml': 'command: python -c "import sys; print(sys.prefix)"\nenvironment:\n  image: library/python:latest\n',
    });
  });
  after(async () => {
    await t.close();
    await index.close();
  });

  it('an environment asset is built by the first job, reused by the next, and rebuilt when its conda file changes', async (ctx) => {
    assert.match(await cli(t, ['environment', 'create', '--file', join(EXAMPLES, 'assets/environment/sklearn-env.yml')]), /Created environment sklearn-env:1/);
    const first = await runJob(t, join(project, 'asset-job.yml'));
    assert.equal(first.job.status, 'Completed', first.log);
    const key = /\[lathe\] building environment ([0-9a-f]{16})/.exec(first.log)?.[1];
    assert.ok(key, first.log);
    const envDir = join(t.home, 'cache', 'envs', key);
    assert.match(first.log, new RegExp(`prefix ${envDir}\\n`), "python is the environment's interpreter");
    assert.match(first.log, new RegExp(`virtual env ${envDir}\\n`));
    assert.match(first.log, /scikit-learn: \d+\.\d+/);
    assert.ok(
      first.job.warnings.some((w) => /environment image 'mcr\.microsoft\.com\/azureml\/openmpi4\.1\.0-ubuntu20\.04:latest' is not run: Lathe runs jobs on the host/.test(w)),
      first.job.warnings.join('\n'),
    );
    const run = await new TrackingClient(t.url, 'default').getRun(first.job.name);
    assert.deepEqual(
      run.data.metrics?.map((m) => [m.key, m.value]),
      [['ran_in_env', 1]],
      "mlflow (installed or Lathe's) works inside the environment",
    );

    const second = await runJob(t, join(project, 'asset-job.yml'));
    assert.equal(second.job.status, 'Completed', second.log);
    assert.match(second.log, new RegExp(`\\[lathe\\] using cached environment ${key} `));
    assert.doesNotMatch(second.log, /building environment/);
    ctx.diagnostic(`first job (builds the environment) ${seconds(first.job)} s; second job (cached) ${seconds(second.job)} s; ${/built in [0-9.]+ s/.exec(first.log)?.[0]}`);

    assert.match(await cli(t, ['environment', 'create', '--file', join(project, 'env-v2/env.yml')]), /Created environment sklearn-env:2/);
    const changed = await runJob(t, join(project, 'latest-job.yml'));
    assert.equal(changed.job.status, 'Completed', changed.log);
    const newKey = /\[lathe\] building environment ([0-9a-f]{16})/.exec(changed.log)?.[1];
    assert.ok(newKey && newKey !== key, changed.log);
    assert.match(changed.log, /environment: sklearn-env:2 \(azureml:sklearn-env@latest\)/);

    const shown = await cli(t, ['environment', 'show', '--name', 'sklearn-env', '--version', '1']);
    assert.match(
      shown,
      new RegExp(`Used by:\\n.*\\n.*\\n${first.job.name}\\s+environment\\n${second.job.name}\\s+environment|Used by:\\n.*\\n.*\\n${second.job.name}\\s+environment\\n${first.job.name}\\s+environment`),
    );
  });

  it("a requirement the machine lacks is installed from the configured index into the environment, whose pip is the job's", async () => {
    const first = await runJob(t, join(project, 'install/job.yml'));
    assert.equal(first.job.status, 'Completed', first.log);
    assert.ok(first.log.includes(`[lathe] installing 1 of 2 requirements with pip from ${index.url}: lathe-tiny-alpha==1.0.0`), first.log);
    assert.match(first.log, /pip: Successfully installed lathe-tiny-alpha-1\.0\.0\n/);
    assert.match(first.log, /^tiny 1\.0\.0 True$/m, 'the pinned version, imported from the environment');
    assert.match(first.log, /Successfully installed lathe-tiny-beta-0\.1/, "the command's pip install reached the same index");
    assert.match(first.log, /^beta imported$/m, "the command's pip installed into the job's Python");
    const key = /building environment ([0-9a-f]{16})/.exec(first.log)?.[1];
    assert.ok(key, first.log);

    const requests = index.requests.length;
    const second = await runJob(t, join(project, 'install/job.yml'));
    assert.equal(second.job.status, 'Completed', second.log);
    assert.match(second.log, new RegExp(`using cached environment ${key} `));
    assert.doesNotMatch(second.log, /\[lathe\] installing/);
    assert.match(second.log, /Requirement already satisfied: lathe-tiny-beta/, 'what the first job installed stays in the cached environment');
    assert.equal(index.requests.filter((p) => p.startsWith('/files/')).length, index.requests.slice(0, requests).filter((p) => p.startsWith('/files/')).length, 'no wheel is downloaded again');
  });

  it('a requirement that can be neither met nor installed fails the job before its command runs, naming the package and the index', async () => {
    const { job: failed, log } = await runJob(t, join(project, 'unmet/job.yml'));
    assert.equal(failed.status, 'Failed');
    assert.equal(failed.error?.type, 'UserError');
    assert.equal(failed.error?.non_retryable, true);
    assert.ok(
      (failed.error?.message ?? '').startsWith(
        `environment inline: a requirement is not met by ${failed.error?.details?.python as string} and could not be installed from ${index.url}: lathe-tiny-alpha==9.9 (not installed)\n`,
      ),
      failed.error?.message,
    );
    assert.match(failed.error?.message ?? '', /\npip: .*lathe-tiny-alpha==9\.9/);
    assert.match(log, /lathe-tiny-alpha==9\.9: NOT MET, not installed/);
    assert.match(log, /pandas: \d/);
    assert.doesNotMatch(log, /COMMAND-RAN/);
    assert.ok(!failed.status_history.some((e) => e.status === 'Running'), 'the command never started');
  });

  it('curated names from Azure examples run on their local equivalent, in registry and workspace form', async () => {
    const registry = await runJob(t, join(project, 'curated-job.yml'));
    assert.equal(registry.job.status, 'Completed', registry.log);
    assert.match(
      registry.log,
      /environment: curated sklearn-1\.5 \(azureml:\/\/registries\/azureml\/environments\/sklearn-1\.5\/labels\/latest\), Lathe's local equivalent of mcr\.microsoft\.com\/azureml\/curated\/sklearn-1\.5:latest/,
    );
    assert.deepEqual(registry.job.warnings, []);
    const key = /building environment ([0-9a-f]{16})/.exec(registry.log)?.[1];
    assert.ok(key, registry.log);
    const workspace = await runJob(t, join(project, 'workspace-curated-job.yml'));
    assert.equal(workspace.job.status, 'Completed', workspace.log);
    assert.match(workspace.log, new RegExp(`using cached environment ${key} `));
  });

  it('unknown references are refused at job create, naming the field; an image alone runs on the host, saying so', async () => {
    const before = (await t.client.listJobs()).value.length;
    const unknown = await runCli(['job', 'create', '--file', join(project, 'unknown.yml')], t.url);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /environment: 'azureml:no-such-env:1' does not name an environment in this workspace/);
    const curated = await runCli(['job', 'create', '--file', join(project, 'unknown-curated.yml')], t.url);
    assert.equal(curated.code, 2, curated.stderr);
    assert.match(curated.stderr, /environment: 'azureml:\/\/registries\/azureml\/environments\/no-such-curated\/labels\/latest' is not a curated environment Lathe knows/);
    assert.equal((await t.client.listJobs()).value.length, before, 'no job was created');

    const image = await runJob(t, join(project, 'image.yml'));
    assert.equal(image.job.status, 'Completed', image.log);
    assert.match(image.stderr, /Warning: environment image 'library\/python:latest' is not run: Lathe runs jobs on the host, not in containers; the job runs on the host with \S+/);
    assert.doesNotMatch(image.log, /building environment|using cached environment/);
    assert.equal(image.log.match(/not run/g)?.length, 1, `the log says once that the image is not run:\n${image.log}`);
  });

  it('lathe environment list shows the curated environments, and show prints one', async () => {
    const list = await cli(t, ['environment', 'list']);
    assert.match(list, /^sklearn-env\s+2\s+2\s/m);
    assert.match(list, /^sklearn-1\.5\s+curated\s+1\s+Scikit-learn 1\.5/m);
    assert.match(list, /^acpt-pytorch-2\.8-cuda12\.6\s+curated\s/m);
    const json = JSON.parse(await cli(t, ['environment', 'list', '-o', 'json'])) as { name: string; curated?: boolean }[];
    assert.equal(json.find((e) => e.name === 'sklearn-1.5')?.curated, true);
    assert.equal(json.find((e) => e.name === 'sklearn-env')?.curated, undefined);
    const shown = await cli(t, ['environment', 'show', '--name', 'AzureML-sklearn-1.5']);
    assert.match(shown, /^sklearn-1\.5\s+curated\s/m);
    assert.match(shown, /Curated: Lathe's local equivalent of mcr\.microsoft\.com\/azureml\/curated\/sklearn-1\.5:latest/);
    assert.match(shown, /Packages: scikit-learn, pandas, numpy, scipy, joblib, mlflow/);
    const missing = await runCli(['environment', 'show', '--name', 'no-such-env'], t.url);
    assert.equal(missing.code, 3, missing.stderr);
  });
});
