import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paths, workspacePath, workspaceRoutes } from './routes.js';

describe('REST paths', () => {
  it('the job paths keep their URLs, built from the route table', () => {
    assert.equal(paths.jobs('my ws'), '/api/v1/workspaces/my%20ws/jobs');
    assert.equal(paths.cancel('default', 'a/b'), '/api/v1/workspaces/default/jobs/a%2Fb/cancel');
    assert.equal(paths.runtimeOutput('default', 'j', 'model'), '/api/v1/workspaces/default/jobs/j/runtime/outputs/model');
    assert.equal(paths.outputFile('default', 'j', 'out', 'sub dir/a#b.txt'), '/api/v1/workspaces/default/jobs/j/outputs/out/files/sub%20dir/a%23b.txt');
  });

  it('every workspace route fills to a path with no parameter left', () => {
    for (const pattern of Object.values(workspaceRoutes)) {
      assert.doesNotMatch(workspacePath('default', pattern, { name: 'j', output: 'o' }, 'f.txt'), /[:*]/, pattern);
    }
  });
});
