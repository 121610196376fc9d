import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  it("keeps the login URL's token out of the log, and everything else in", () => {
    assert.equal(redactUrl('/login?token=s3cret'), '/login?token=[redacted]');
    assert.equal(redactUrl('/login?a=1&TOKEN=s3cret&b=2'), '/login?a=1&TOKEN=[redacted]&b=2');
    assert.equal(redactUrl('/api/v1/workspaces/default/jobs?max_results=5'), '/api/v1/workspaces/default/jobs?max_results=5');
    assert.equal(redactUrl('/token=x'), '/token=x');
  });
});
