import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { installErrorHandler } from './error-handler.js';
import { installMlflowErrorHandler } from './mlflow/mlflow-error.js';

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

async function appThrowing(error: Error) {
  const app = Fastify();
  installErrorHandler(app, { hiddenPaths: ['/srv/lathe-data'] });
  app.get('/boom', async () => {
    throw error;
  });
  await app.register(
    async (mlflow) => {
      installMlflowErrorHandler(mlflow);
      mlflow.get('/boom', async () => {
        throw error;
      });
    },
    { prefix: '/mlflow' },
  );
  return app;
}

describe('the error handler', () => {
  it('answers a file name the file system refuses with a 400 that names no path', async () => {
    const app = await appThrowing(systemError('ENAMETOOLONG', "ENAMETOOLONG: name too long, open '/srv/lathe-data/artifacts/x'"));
    for (const url of ['/boom', '/mlflow/boom']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 400, res.body);
      assert.doesNotMatch(res.body, /\/srv\//);
      assert.match(res.body, /too long/);
    }
  });

  it('answers a body that is not a tar archive with a 400', async () => {
    const res = await (await appThrowing(systemError('TAR_BAD_ARCHIVE', 'Unrecognized archive format'))).inject('/boom');
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error_code, 'LATHE_BAD_REQUEST');
  });

  it("hides the data directory's paths in every error answer, internal errors included", async () => {
    const app = await appThrowing(new Error("cannot open '/srv/lathe-data/runs/default/job/job.json' for /srv/lathe-data"));
    for (const url of ['/boom', '/mlflow/boom']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 500);
      assert.doesNotMatch(res.body, /lathe-data/);
      assert.match(res.body, /<server path>/);
    }
  });

  it('cuts a long message', async () => {
    const res = await (await appThrowing(Object.assign(new Error('x'.repeat(100_000)), { statusCode: 400 }))).inject('/boom');
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.length < 3000, `${res.body.length} characters`);
  });
});
