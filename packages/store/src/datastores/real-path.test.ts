import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isWithin, realPath } from './real-path.js';

describe('realPath', () => {
  let root: string;
  before(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'lathe-real-path-')));
    await mkdir(join(root, 'inside'));
    await symlink('/etc', join(root, 'out'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('follows links on the way, also for a path that does not exist yet', async () => {
    assert.equal(await realPath(join(root, 'out', 'not-yet', 'file')), join(await realpath('/etc'), 'not-yet', 'file'));
    assert.equal(await realPath(join(root, 'inside', 'new')), join(root, 'inside', 'new'));
    assert.equal(isWithin(root, await realPath(join(root, 'out', 'passwd'))), false);
    assert.equal(isWithin(root, await realPath(join(root, 'inside'))), true);
  });

  it('isWithin takes the root itself and refuses a sibling sharing its prefix', () => {
    assert.equal(isWithin('/srv/data', '/srv/data'), true);
    assert.equal(isWithin('/srv/data', '/srv/data-other/x'), false);
    assert.equal(isWithin('/', '/etc'), true);
  });
});
