import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { configFromEnv, defaultDatastoreRoots, defaultPython } from './server-config.js';

describe('configFromEnv', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = configFromEnv({});
    assert.equal(config.home, resolve('.lathe'));
    assert.deepEqual([config.host, config.port, config.python, config.cancelGraceMs], ['127.0.0.1', 5252, defaultPython(), 10_000]);
    assert.ok(config.concurrency >= 1);
  });

  it('reads every LATHE_* setting', () => {
    const config = configFromEnv({ LATHE_HOME: '/tmp/x', LATHE_PORT: '0', LATHE_PYTHON: '/opt/py/bin/python', LATHE_CONCURRENCY: '3', LATHE_CANCEL_GRACE_MS: '50' });
    assert.deepEqual([config.home, config.port, config.python, config.concurrency, config.cancelGraceMs], ['/tmp/x', 0, '/opt/py/bin/python', 3, 50]);
  });

  it('names the variable when a number is malformed', () => {
    assert.throws(
      () => configFromEnv({ LATHE_PORT: 'eighty' }),
      (e: unknown) => e instanceof LatheError && /LATHE_PORT=eighty: expected an integer from 0 to 65535/.test(e.message),
    );
    assert.throws(() => configFromEnv({ LATHE_CONCURRENCY: '0' }), /LATHE_CONCURRENCY=0/);
  });

  it('reads LATHE_JOB_ENV_ALLOW as names and prefixes, and names the variable for a bad entry', () => {
    assert.deepEqual(configFromEnv({}).jobEnvAllow, []);
    assert.deepEqual(configFromEnv({ LATHE_JOB_ENV_ALLOW: ' HF_HOME, CUDA_* ,' }).jobEnvAllow, ['HF_HOME', 'CUDA_*']);
    assert.throws(
      () => configFromEnv({ LATHE_JOB_ENV_ALLOW: 'OK,A=B' }),
      (e: unknown) => e instanceof LatheError && /LATHE_JOB_ENV_ALLOW: 'A=B' is not a variable name/.test(e.message),
    );
    assert.throws(() => configFromEnv({ LATHE_JOB_ENV_ALLOW: '*' }), /LATHE_JOB_ENV_ALLOW: '\*' is not a variable name/);
  });

  it('reads LATHE_DATASTORE_ROOTS as folders, by default the data directory and the home directory', () => {
    assert.deepEqual(configFromEnv({ LATHE_HOME: '/srv/lathe' }).datastoreRoots, defaultDatastoreRoots('/srv/lathe'));
    assert.deepEqual(defaultDatastoreRoots('/srv/lathe'), homedir() === '/' ? ['/srv/lathe'] : ['/srv/lathe', resolve(homedir())]);
    assert.deepEqual(configFromEnv({ LATHE_DATASTORE_ROOTS: '/data/shared::relative' }).datastoreRoots, ['/data/shared', resolve('relative')]);
  });
});
