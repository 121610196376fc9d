import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/lathe.js', import.meta.url));

/**
 * A module hook that refuses to load the server (`@lathe/server` or its files) and the schema
 * library: loading either at start is what made every `lathe` command take seconds.
 */
const REFUSE_HEAVY = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/\\/packages\\/server\\/|\\/node_modules\\/@lathe\\/server\\/|@sinclair\\/typebox/.test(resolved.url)) {
    throw new Error('refused to load ' + resolved.url);
  }
  return resolved;
}
`;

describe('commands other than `lathe server start` load neither the server nor the schema library', () => {
  let folder: string;
  let register: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lathe-lazy-'));
    await writeFile(join(folder, 'hooks.mjs'), REFUSE_HEAVY);
    register = join(folder, 'register.mjs');
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});\n`);
  });
  after(async () => rm(folder, { recursive: true, force: true }));

  const lathe = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', register, BIN, ...args], { encoding: 'utf8', env: { ...process.env, LATHE_URL: 'http://127.0.0.1:9' }, timeout: 60_000 });

  it('the hook does refuse the server, so the checks below mean something', () => {
    const result = spawnSync(process.execPath, ['--import', register, '--input-type=module', '-e', "await import('@lathe/server')"], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /refused to load/);
  });

  it('lathe --help', () => {
    const result = lathe('--help');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /server start/);
  });

  it('lathe job list, against a server that is not there, fails only on the connection', () => {
    const result = lathe('job', 'list');
    assert.doesNotMatch(result.stderr, /refused to load/);
    assert.match(result.stderr, /cannot reach the Lathe server/);
  });

  it('lathe server start --help', () => {
    const result = lathe('server', 'start', '--help');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: lathe server start/);
  });
});
