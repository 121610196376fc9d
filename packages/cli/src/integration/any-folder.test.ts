// `lathe` from any folder: the documented step (`npm link` in the clone) puts it on PATH without
// the npm registry, under a package name no unrelated registry package has; the CLI finds the
// server without LATHE_URL through the server's own LATHE_PORT.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { defaultServerUrl } from '@lathe/sdk';
import { runProcess, startTestServer, type TestServer } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('lathe from any folder', () => {
  let t: TestServer;
  let prefix: string;
  let elsewhere: string;
  before(async () => {
    t = await startTestServer();
    prefix = await mkdtemp(join(tmpdir(), 'lathe-global-'));
    elsewhere = await mkdtemp(join(tmpdir(), 'lathe-elsewhere-'));
  });
  after(async () => {
    await t.close();
    await rm(prefix, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('npm link in the clone puts lathe on PATH offline, and it answers from another folder with no LATHE_URL', async () => {
    // A private global prefix: the machine's own global folder is left alone.
    const env = { ...process.env, npm_config_prefix: prefix, npm_config_audit: 'false', npm_config_fund: 'false' };
    // --offline: linking must not need the registry (nothing named lathe, nothing @lathe/* is fetched).
    const linked = await runProcess(npm, ['link', '--offline'], { cwd: ROOT, env });
    assert.equal(linked.code, 0, linked.stderr);
    const globals = await readdir(join(prefix, 'lib', 'node_modules'));
    assert.deepEqual(globals, ['lathe-platform']);
    assert.equal(await realpath(join(prefix, 'lib', 'node_modules', 'lathe-platform')), await realpath(ROOT), 'a link to the clone, not a copy');

    const { LATHE_URL: _unset, ...rest } = process.env;
    const port = new URL(t.url).port;
    const shell = { ...rest, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}`, LATHE_PORT: port };
    const listed = await runProcess('lathe', ['job', 'list', '-o', 'json'], { cwd: elsewhere, env: shell });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  it('finds the server from LATHE_URL, else from the server settings LATHE_PORT and LATHE_HOST, else the default port', () => {
    assert.equal(defaultServerUrl({ LATHE_URL: 'http://lathe.internal:80', LATHE_PORT: '9' }), 'http://lathe.internal:80');
    assert.equal(defaultServerUrl({ LATHE_PORT: '8080' }), 'http://127.0.0.1:8080');
    assert.equal(defaultServerUrl({ LATHE_PORT: '8080', LATHE_HOST: '0.0.0.0' }), 'http://127.0.0.1:8080');
    assert.equal(defaultServerUrl({ LATHE_HOST: '::1' }), 'http://[::1]:5252');
    assert.equal(defaultServerUrl({}), 'http://127.0.0.1:5252');
  });

  it('no package of the project is named lathe, and every @lathe/* dependency is a workspace package', async () => {
    const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; private: boolean; workspaces: string[]; bin: Record<string, string> };
    assert.equal(root.name, 'lathe-platform');
    assert.equal(root.private, true);
    assert.equal(root.bin.lathe, 'packages/cli/bin/lathe.js');
    const manifests = await Promise.all(root.workspaces.map(async (w) => JSON.parse(await readFile(join(ROOT, w, 'package.json'), 'utf8')) as Record<string, unknown>));
    const names = new Set(manifests.map((m) => m.name as string));
    for (const manifest of manifests) {
      assert.match(manifest.name as string, /^@lathe\//);
      assert.equal(manifest.private, true, `${manifest.name as string} is never published`);
      const deps = { ...(manifest.dependencies as object), ...(manifest.devDependencies as object) };
      for (const dep of Object.keys(deps).filter((d) => d.startsWith('@lathe/'))) assert.ok(names.has(dep), `${manifest.name as string} depends on ${dep}, which is no workspace package`);
    }
  });
});
