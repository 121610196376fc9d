#!/usr/bin/env node
// The Azure ML Python SDK v2 (azure-ai-ml, /usr/bin/python3) against Lathe, beside baselines
// measured in the same run:
//
// 1. the acceptance snippet end to end — Python process start -> MLClient ready -> create_or_update
//    returned -> the job seen Completed on /api/v1 — beside the same job (same code, same data
//    input) from `lathe job create --file job.yml`, and beside `python3 train.py` run directly;
// 2. upload throughput through the Blob endpoint — ml_client.data.create_or_update(Data(path=
//    <folder>)) of a folder of 10 MB files of random bytes, and of a folder of many small files —
//    beside `cp -r` of the same folder on the same disk, and azure-storage-blob's upload_blob of
//    one file of the same size. Every upload is checked against its source (sizes, one SHA-256).
//
//   node bench/azure-sdk/bench-azure-sdk.mjs [--reps 5] [--mb 200] [--small-files 1000]
//                                            [--quick] [--json FILE]
//
// Starts `lathe server start` (SQLite, fresh LATHE_HOME, free HTTP and HTTPS ports,
// LATHE_PYTHON=/usr/bin/python3), runs the cases one after another, prints the tables, then
// stops the server and removes its home and the work folder. See bench/azure-sdk/README.md.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../lib/free-port.mjs';
import { startLatheServer } from '../studio/start-lathe-server.mjs';
import { summarize } from '../studio/stats.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'lathe.js');
// azure-ai-ml imports pydash, which Debian lacks; the tests' stand-in is on PYTHONPATH.
const PYDASH = join(ROOT, 'packages', 'server', 'test-fixtures');
const PYTHON = process.env.LATHE_PYTHON || '/usr/bin/python3';
const MB = 1e6;
const FILE_MB = 10;
const SMALL_FILE_BYTES = 4096;
const POLL_MS = 20;

const USAGE = `usage: node bench/azure-sdk/bench-azure-sdk.mjs [options]
  --reps N          repetitions of every case, after one warm-up (default 5)
  --mb N            size of the upload folder in MB, as files of ${FILE_MB} MB (default 200)
  --small-files N   files of ${SMALL_FILE_BYTES} bytes in the small-files folder; 0 skips it (default 1000)
  --quick           --reps 2 --mb 20 --small-files 200
  --json FILE       also write every figure (with samples) as JSON
env: LATHE_PYTHON (default /usr/bin/python3)`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string' },
      mb: { type: 'string' },
      'small-files': { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, quick, full, min) => {
    const value = Number(values[name] ?? (values.quick ? quick : full));
    if (!Number.isInteger(value) || value < min) {
      console.error(`--${name} ${values[name]}: expected an integer >= ${min}\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const mb = int('mb', 20, 200, FILE_MB);
  return { reps: int('reps', 2, 5, 1), files: Math.round(mb / FILE_MB), smallFiles: int('small-files', 200, 1000, 0), json: values.json };
}

// ---------------------------------------------------------------------------------------------
// Processes and timing

const epochMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Spawns `command`, reading its stdout line by line: `parse(line, epochMs)` may return a mark
 * `{mark, t, ...}` (the Python scripts print theirs as JSON with their own clock). Returns
 * `{ start, marks, mark(name), exited }`: `mark(name)` resolves when that mark arrives and
 * rejects when the process exits without it.
 */
function spawnTimed(command, args, options, parse) {
  const marks = new Map();
  const waiting = new Map();
  let output = '';
  const start = epochMs();
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const found = parse(line, epochMs());
      if (!found) continue;
      marks.set(found.mark, found);
      waiting.get(found.mark)?.resolve(found);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output = (output + chunk).slice(-64 * 1024)));
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject).on('close', (code) => {
      for (const [name, { reject: fail }] of waiting) if (!marks.has(name)) fail(new Error(`${command} ${args.join(' ')} exited ${code} before '${name}':\n${output}`));
      if (code === 0) resolve({ end: epochMs(), output });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
  exited.catch(() => {}); // whoever awaits it, or a mark, reports the failure
  const mark = (name) => {
    if (marks.has(name)) return Promise.resolve(marks.get(name));
    return new Promise((resolve, reject) => waiting.set(name, { resolve, reject }));
  };
  return { start, marks, mark, exited };
}

const jsonMark = (line) => (line.startsWith('{"mark"') ? JSON.parse(line) : undefined);

/** Wall milliseconds of `command args`; throws when it fails. */
function timeSync(command, args, options = {}) {
  const started = epochMs();
  const result = spawnSync(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = epochMs() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// The server's side

async function api(server, method, path, body) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** GET /api/v1/sdk/env, once the HTTPS listener is up (/health answers before it is). */
async function sdkEnv(server) {
  for (let tries = 0; ; tries++) {
    const response = await fetch(`${server.url}/api/v1/sdk/env`);
    if (response.ok) return response.json();
    if (response.status !== 409 || tries === 100) throw new Error(`GET /api/v1/sdk/env: ${response.status} ${await response.text()}`);
    await sleep(100);
  }
}

/** Polls the job every POLL_MS until it ends; returns `{ seen, job }` (seen: epoch ms). */
async function waitCompleted(server, name) {
  for (;;) {
    const job = await api(server, 'GET', `/workspaces/default/jobs/${encodeURIComponent(name)}`);
    if (job.status === 'Completed') return { seen: epochMs(), job };
    if (['Failed', 'Canceled'].includes(job.status)) {
      const log = await fetch(`${server.url}/api/v1/workspaces/default/jobs/${name}/logs`).then((r) => r.text());
      throw new Error(`job ${name} ended ${job.status}:\n${log}`);
    }
    await sleep(POLL_MS);
  }
}

/** Server-side created -> Completed, from the job's status history. */
function serverSpan(job) {
  const at = (status) => Date.parse(job.status_history.find((entry) => entry.status === status).time);
  return at('Completed') - at('NotStarted');
}

// ---------------------------------------------------------------------------------------------
// Case 1: the acceptance snippet, the CLI, the command alone

const TRAIN_PY = 'import os, sys\nprint("training on", sorted(os.listdir(sys.argv[2])))\n';
const JOB_YML = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: ./src
command: python train.py --data \${{inputs.input_data}}
inputs:
  input_data:
    type: uri_folder
    path: azureml:diabetes-data:1
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: cpu-cluster
display_name: sklearn-training-job
description: Treinamento de modelo Sklearn para diabetes
`;

/** The project both clients submit from, and the data asset its input names. */
async function prepareProject(server, project) {
  await mkdir(join(project, 'src'), { recursive: true });
  await writeFile(join(project, 'src', 'train.py'), TRAIN_PY);
  await writeFile(join(project, 'job.yml'), JOB_YML);
  const data = join(server.home, 'datastores', 'default', 'workspaceblobstore', 'diabetes');
  await mkdir(data, { recursive: true });
  await writeFile(join(data, 'diabetes.csv'), 'age,bmi\n50,30\n');
  await api(server, 'PUT', '/workspaces/default/data/diabetes-data/versions/1', {
    spec: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/diabetes' },
  });
  return data;
}

async function sdkJob(server, project, pythonEnv) {
  const run = spawnTimed(PYTHON, [join(HERE, 'sdk-job.py')], { cwd: project, env: pythonEnv }, jsonMark);
  const submitted = await run.mark('submitted');
  const done = await waitCompleted(server, submitted.name);
  await run.exited;
  const client = run.marks.get('client').t;
  return {
    importClient: client - run.start,
    submit: submitted.t - client,
    startToSubmitted: submitted.t - run.start,
    queueToCompleted: done.seen - submitted.t,
    total: done.seen - run.start,
    server: serverSpan(done.job),
  };
}

async function cliJob(server, project) {
  const studio = (line, t) => {
    const name = /^Studio: \S+\/jobs\/([\w-]+)/.exec(line)?.[1];
    return name ? { mark: 'submitted', t, name } : undefined;
  };
  const env = { ...process.env, LATHE_URL: server.url };
  const run = spawnTimed(process.execPath, [CLI, 'job', 'create', '--file', 'job.yml'], { cwd: project, env }, studio);
  const submitted = await run.mark('submitted');
  const done = await waitCompleted(server, submitted.name);
  await run.exited;
  return { startToSubmitted: submitted.t - run.start, queueToCompleted: done.seen - submitted.t, total: done.seen - run.start, server: serverSpan(done.job) };
}

async function benchJobs(server, project, data, pythonEnv, reps) {
  const direct = () => ({ total: timeSync(PYTHON, [join(project, 'src', 'train.py'), '--data', data]) });
  const samples = { sdk: [], cli: [], direct: [] };
  for (let rep = 0; rep <= reps; rep++) {
    const round = { sdk: await sdkJob(server, project, pythonEnv), cli: await cliJob(server, project), direct: direct() };
    if (rep > 0) for (const key of Object.keys(samples)) samples[key].push(round[key]); // rep 0 warms up
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Case 2: uploads through the Blob endpoint

/** Writes `count` files of `bytes` random bytes into `folder`; returns the folder's size. */
async function writeRandomFiles(folder, count, bytes, prefix) {
  await mkdir(folder, { recursive: true });
  const buffer = Buffer.alloc(bytes);
  const width = String(count).length;
  for (let i = 1; i <= count; i++) await writeFile(join(folder, `${prefix}-${String(i).padStart(width, '0')}.bin`), randomFillSync(buffer));
  return count * bytes;
}

async function sha256(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

async function listFiles(root) {
  const files = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
  }
  return files.sort();
}

/** Throws unless `copy` holds the files of `source` with their sizes, and `probe` hashes alike. */
async function checkSameFiles(source, copy, probe) {
  const [want, got] = [await listFiles(source), await listFiles(copy)];
  if (want.join('\n') !== got.join('\n')) throw new Error(`${copy} lists ${got.length} files, ${source} ${want.length}`);
  for (const file of want) {
    const [a, b] = [await stat(join(source, file)), await stat(join(copy, file))];
    if (a.size !== b.size) throw new Error(`${join(copy, file)}: ${b.size} bytes, the source ${a.size}`);
  }
  if ((await sha256(join(source, probe))) !== (await sha256(join(copy, probe)))) throw new Error(`${join(copy, probe)} differs from the source`);
}

/** One `cp -r` of `source` next to it, removed afterwards; returns ms. */
async function copyFolder(source) {
  const target = `${source}-copy`;
  const ms = timeSync('cp', ['-r', source, target]);
  await checkSameFiles(source, target, (await listFiles(source))[0]);
  await rm(target, { recursive: true, force: true });
  return ms;
}

/**
 * One ml_client.data.create_or_update of `folder` (a fresh marker file makes each repetition a
 * new upload: the SDK skips a folder whose hash it finds uploaded). Checks the datastore's copy,
 * then removes it. Returns the phases in ms.
 */
async function sdkUpload(server, folder, pythonEnv, rep, probe) {
  await writeFile(join(folder, 'marker.txt'), `repetition ${rep} ${Date.now()}\n`);
  const args = [join(HERE, 'sdk-upload.py'), folder, `bench-upload-${basename(folder)}`, String(rep)];
  const run = spawnTimed(PYTHON, args, { cwd: folder, env: pythonEnv }, jsonMark);
  const { end } = await run.exited;
  const m = (name) => run.marks.get(name);
  const stored = join(server.home, 'datastores', 'default', 'workspaceblobstore', m('remote-path').path);
  await checkSameFiles(folder, stored, probe);
  await rm(stored, { recursive: true, force: true });
  const finished = m('registered');
  return {
    hash: m('hashed').t - m('hashed').start,
    blob: m('uploaded').t - m('uploaded').start,
    createOrUpdate: finished.t - m('client').t,
    process: end - run.start,
  };
}

/** The workspace's Blob account key; the server made it when the SDK's upload first asked. */
async function accountKey(server) {
  return (await readFile(join(server.home, 'secrets', 'blob-accounts', 'default.key'), 'utf8')).trim();
}

/** upload_blob of `file` straight to the Blob endpoint over HTTPS; checked, then removed. */
async function directUpload(server, file, pythonEnv, rep) {
  const key = await accountKey(server);
  const account = `${pythonEnv.AZUREML_DEV_URL_MFE}/blob/default`;
  const blob = `bench/direct-${rep}.bin`;
  const run = spawnTimed(PYTHON, [join(HERE, 'blob-upload.py'), account, key, 'workspaceblobstore', file, blob], { env: pythonEnv }, jsonMark);
  await run.exited;
  const stored = join(server.home, 'datastores', 'default', 'workspaceblobstore', blob);
  if ((await stat(stored)).size !== (await stat(file)).size || (await sha256(stored)) !== (await sha256(file))) throw new Error(`${stored} differs from ${file}`);
  await rm(stored);
  const uploaded = run.marks.get('uploaded');
  return { blob: uploaded.t - uploaded.start };
}

/**
 * One Put Blob of `file` from Node over HTTPS (SharedKey, the body streamed from disk, no
 * Content-MD5): the Blob endpoint's own pace, without a Python client in front of it.
 */
async function nodePutBlob(server, file, pythonEnv, rep) {
  const key = await accountKey(server);
  const url = new URL(`${pythonEnv.AZUREML_DEV_URL_MFE}/blob/default/workspaceblobstore/bench/node-${rep}.bin`);
  const { size } = await stat(file);
  const headers = { 'content-length': String(size), 'x-ms-blob-type': 'BlockBlob', 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-08-06' };
  const text = `PUT\n\n\n${size}\n\n\n\n\n\n\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:${headers['x-ms-date']}\nx-ms-version:2021-08-06\n/default${url.pathname}`;
  headers.authorization = `SharedKey default:${createHmac('sha256', Buffer.from(key, 'base64')).update(text).digest('base64')}`;
  const ca = await readFile(pythonEnv.REQUESTS_CA_BUNDLE);
  const start = epochMs();
  await new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method: 'PUT', headers, ca }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      response.on('end', () => (response.statusCode === 201 ? resolve() : reject(new Error(`Put Blob ${url}: ${response.statusCode} ${body}`))));
    });
    request.on('error', reject);
    createReadStream(file).on('error', reject).pipe(request);
  });
  const ms = epochMs() - start;
  const stored = join(server.home, 'datastores', 'default', 'workspaceblobstore', 'bench', `node-${rep}.bin`);
  if ((await stat(stored)).size !== size || (await sha256(stored)) !== (await sha256(file))) throw new Error(`${stored} differs from ${file}`);
  await rm(stored);
  return { blob: ms };
}

async function benchUploads(server, work, pythonEnv, options) {
  const big = join(work, 'upload');
  const bytes = await writeRandomFiles(big, options.files, FILE_MB * MB, 'part');
  const single = join(work, 'single.bin');
  spawnSync('sh', ['-c', `cat "${big}"/part-*.bin > "${single}"`]);
  const small = join(work, 'small');
  const smallBytes = options.smallFiles ? await writeRandomFiles(small, options.smallFiles, SMALL_FILE_BYTES, 'file') : 0;
  const [parts, smalls] = [await listFiles(big), options.smallFiles ? await listFiles(small) : []];
  const samples = { sdk: [], cp: [], direct: [], node: [], smallSdk: [], smallCp: [] };
  for (let rep = 0; rep <= options.reps; rep++) {
    const round = {
      sdk: await sdkUpload(server, big, pythonEnv, rep, parts[rep % parts.length]),
      cp: { copy: await copyFolder(big) },
      direct: await directUpload(server, single, pythonEnv, rep),
      node: await nodePutBlob(server, single, pythonEnv, rep),
      smallSdk: options.smallFiles ? await sdkUpload(server, small, pythonEnv, rep, smalls[rep % smalls.length]) : undefined,
      smallCp: options.smallFiles ? { copy: await copyFolder(small) } : undefined,
    };
    if (rep > 0) for (const key of Object.keys(samples)) if (round[key]) samples[key].push(round[key]);
  }
  return { bytes, smallBytes, samples };
}

// ---------------------------------------------------------------------------------------------
// Printing

const pick = (rows, key) => rows.map((row) => row[key]);

function printMsTable(title, rows) {
  console.log(`\n${title}\n`);
  console.log('case'.padEnd(58) + 'median ms'.padStart(11) + 'min ms'.padStart(9) + 'max ms'.padStart(9));
  for (const [name, xs] of rows) {
    const s = summarize(xs);
    console.log(name.padEnd(58) + s.median.toFixed(0).padStart(11) + s.min.toFixed(0).padStart(9) + s.max.toFixed(0).padStart(9));
  }
}

/** Rows of throughput: `[name, ms samples, amount, unit]`; median, and the slowest and fastest. */
function printRateTable(title, rows) {
  console.log(`\n${title}\n`);
  console.log('case'.padEnd(58) + 'median'.padStart(11) + 'min'.padStart(9) + 'max'.padStart(9) + '  unit');
  for (const [name, xs, amount, unit] of rows) {
    const s = summarize(xs);
    const rate = (ms) => (amount / (ms / 1000)).toFixed(0);
    console.log(name.padEnd(58) + rate(s.median).padStart(11) + rate(s.max).padStart(9) + rate(s.min).padStart(9) + `  ${unit}`);
  }
}

function printJobs({ sdk, cli, direct }) {
  printMsTable('1. the acceptance snippet to Completed (each client a new process; polled every 20 ms)', [
    ['SDK: process start -> MLClient ready (interpreter, imports)', pick(sdk, 'importClient')],
    ['SDK: MLClient ready -> create_or_update returned', pick(sdk, 'submit')],
    ['SDK: process start -> create_or_update returned', pick(sdk, 'startToSubmitted')],
    ['SDK: create_or_update returned -> seen Completed', pick(sdk, 'queueToCompleted')],
    ['SDK: total, process start -> seen Completed', pick(sdk, 'total')],
    ['SDK: server created -> Completed (status history)', pick(sdk, 'server')],
    ['CLI: process start -> job create printed the job', pick(cli, 'startToSubmitted')],
    ['CLI: printed the job -> seen Completed', pick(cli, 'queueToCompleted')],
    ['CLI: total, process start -> seen Completed', pick(cli, 'total')],
    ['CLI: server created -> Completed (status history)', pick(cli, 'server')],
    ['direct: python3 src/train.py --data <folder>', pick(direct, 'total')],
  ]);
}

function printUploads({ bytes, smallBytes, samples }, options) {
  const mb = bytes / MB;
  printRateTable(`2. uploading ${mb} MB (${options.files} files of ${FILE_MB} MB, random bytes) through the Blob endpoint (HTTPS, SharedKey)`, [
    ['SDK data.create_or_update: Blob uploads (upload_directory)', pick(samples.sdk, 'blob'), mb, 'MB/s'],
    ['SDK data.create_or_update: whole call (hash + upload + PUT)', pick(samples.sdk, 'createOrUpdate'), mb, 'MB/s'],
    ['SDK: whole process (interpreter, imports, call)', pick(samples.sdk, 'process'), mb, 'MB/s'],
    [`azure-storage-blob upload_blob, one ${mb} MB file`, pick(samples.direct, 'blob'), mb, 'MB/s'],
    [`Node https PUT (Put Blob), one ${mb} MB file, one request`, pick(samples.node, 'blob'), mb, 'MB/s'],
    ['baseline: cp -r of the folder, same disk', pick(samples.cp, 'copy'), mb, 'MB/s'],
  ]);
  printMsTable('   where the SDK call spends its time', [
    ['SDK: hashing the folder (get_object_hash)', pick(samples.sdk, 'hash')],
    ['SDK: Blob uploads (upload_directory)', pick(samples.sdk, 'blob')],
    ['SDK: whole create_or_update', pick(samples.sdk, 'createOrUpdate')],
  ]);
  if (samples.smallSdk.length) {
    const files = options.smallFiles + 1; // and the marker, which both upload and copy
    printRateTable(`   ${options.smallFiles} files of ${SMALL_FILE_BYTES} bytes (${(smallBytes / MB).toFixed(1)} MB)`, [
      ['SDK data.create_or_update: Blob uploads (upload_directory)', pick(samples.smallSdk, 'blob'), files, 'files/s'],
      ['SDK data.create_or_update: whole call', pick(samples.smallSdk, 'createOrUpdate'), files, 'files/s'],
      ['baseline: cp -r of the folder, same disk', pick(samples.smallCp, 'copy'), files, 'files/s'],
    ]);
  } else console.log('\nevery upload was checked against its source (file list, sizes, one SHA-256)');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = readOptions();
  const home = await mkdtemp(join(tmpdir(), 'lathe-bench-sdk-'));
  const work = await mkdtemp(join(tmpdir(), 'lathe-bench-sdk-work-'));
  const server = await startLatheServer(home, { LATHE_TLS_PORT: String(await freePort()), LATHE_PYTHON: PYTHON });
  try {
    const { variables } = await sdkEnv(server);
    const pythonEnv = { PATH: process.env.PATH ?? '/usr/bin', HOME: work, PYTHONPATH: PYDASH, ...variables };
    const project = join(work, 'project');
    const data = await prepareProject(server, project);
    console.log(`lathe ${server.url} (HTTPS ${variables.AZUREML_DEV_URL_MFE}), ${PYTHON}, ${availableParallelism()} cores, ${options.reps} repetitions after one warm-up`);
    const jobs = await benchJobs(server, project, data, pythonEnv, options.reps);
    printJobs(jobs);
    const uploads = await benchUploads(server, work, pythonEnv, options);
    printUploads(uploads, options);
    if (options.json) await writeFile(options.json, JSON.stringify({ cores: availableParallelism(), options, jobs, uploads }, null, 2));
  } finally {
    await server.stop();
    await rm(home, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

await main();
