// The shipped Python client's own unittest suite, with its server tests pointed at a real Lathe
// server (LATHE_TEST_TRACKING_URI), so the client and the server are checked against each other.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { runPythonTests, startTestServer, type TestServer } from './harness.js';

const PACKAGE = fileURLToPath(new URL('../../../mlflow-py', import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => t.close());

test("the shipped mlflow client's test suite passes against a Lathe server", { timeout: 240_000 }, async () => {
  const { code, output } = await runPythonTests(PACKAGE, { LATHE_TEST_TRACKING_URI: t.url, MLFLOW_TRACKING_URI: '', MLFLOW_RUN_ID: '' });
  assert.equal(code, 0, output);
  assert.match(output, /^OK/m, output);
  // The server tests ran: none of them is skipped for want of a server.
  assert.doesNotMatch(output, /LATHE_TEST_TRACKING_URI/, output);
});
