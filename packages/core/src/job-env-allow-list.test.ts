import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedJobEnvironment, isAllowedJobEnvName } from './job-env-allow-list.js';

describe('allowedJobEnvironment', () => {
  it("keeps the shell basics, proxies and pip's settings, and drops secrets", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      LC_ALL: 'C.UTF-8',
      https_proxy: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      PIP_INDEX_URL: 'http://127.0.0.1:3141/simple/',
      LATHE_DATABASE_URL: 'postgres://u:secret@db/lathe',
      AWS_SECRET_ACCESS_KEY: 'k',
      UNSET: undefined,
    };
    assert.deepEqual(allowedJobEnvironment(env), {
      PATH: '/usr/bin',
      HOME: '/home/u',
      LC_ALL: 'C.UTF-8',
      https_proxy: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      PIP_INDEX_URL: 'http://127.0.0.1:3141/simple/',
    });
  });

  it('adds exact names and prefixes ending in *', () => {
    const env = { CUDA_VISIBLE_DEVICES: '0', CUDA_HOME: '/cuda', HF_HOME: '/hf', HF_TOKEN: 't' };
    assert.deepEqual(allowedJobEnvironment(env, ['CUDA_*', 'HF_HOME']), { CUDA_VISIBLE_DEVICES: '0', CUDA_HOME: '/cuda', HF_HOME: '/hf' });
  });

  it('compares names with their case', () => {
    assert.equal(isAllowedJobEnvName('path'), false);
    assert.equal(isAllowedJobEnvName('Http_Proxy'), false);
    assert.equal(isAllowedJobEnvName('HTTP_PROXY'), true);
  });
});
