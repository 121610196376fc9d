import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import { API_PREFIX } from '@lathe/api';
import type { ServerContext } from '../../server-context.js';
import { artifactListRoutes, artifactProxyRoutes } from './artifact-routes.js';
import { experimentRoutes } from './experiment-routes.js';
import { loggedModelRoutes } from './logged-model-routes.js';
import { metricRoutes } from './metric-routes.js';
import { modelVersionRoutes } from './model-version-routes.js';
import { registeredModelRoutes } from './registered-model-routes.js';
import { installMlflowErrorHandler } from './mlflow-error.js';
import { runRoutes } from './run-routes.js';
import { TrackingArtifacts } from '@lathe/jobs';
import { checkJsonDepth } from '../json-depth.js';
import type { TrackingScope } from './tracking-scope.js';

/** MLflow bodies are small JSON; log-batch of 1,000 metrics is about 100 KB. */
const MLFLOW_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * MLflow's REST API 2.0, mounted for the `default` workspace at `/api/2.0/mlflow` (and MLflow's
 * `/ajax-api/2.0/mlflow` alias), with the artifact proxy at `/api/2.0/mlflow-artifacts`; and for
 * any workspace under `/api/v1/workspaces/<ws>/mlflow`, so its tracking URI is
 * `http://host:port/api/v1/workspaces/<ws>/mlflow`.
 */
export async function mlflowApi(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const defaultScope: TrackingScope = { ctx, tracking: ctx.tracking, workspaceOf: () => 'default', now: Date.now };
  for (const base of ['/api/2.0', '/ajax-api/2.0']) {
    await app.register((scope) => mount(scope, defaultScope), { prefix: base });
  }
  await mountVersion3(app);
  const workspaceScope: TrackingScope = {
    ...defaultScope,
    workspaceOf: (request: FastifyRequest) => (request.params as { workspace: string }).workspace,
  };
  await app.register(
    async (scope) => {
      scope.addHook('preHandler', async (request) => {
        const { workspace } = request.params as { workspace: string };
        if (!(await ctx.store.hasWorkspace(workspace))) throw notFound('workspace', workspace);
      });
      for (const base of ['/api/2.0', '/ajax-api/2.0']) {
        await scope.register((inner) => mount(inner, workspaceScope), { prefix: base });
      }
      await mountVersion3(scope);
    },
    { prefix: `${API_PREFIX}/workspaces/:workspace/mlflow` },
  );
}

async function mount(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const artifacts = new TrackingArtifacts(scope.ctx.artifacts, scope.tracking);
  await app.register(
    async (api) => {
      installMlflowErrorHandler(api);
      api.addHook('onRequest', requireJsonBody);
      api.removeAllContentTypeParsers();
      // Any content type, or none, is read as JSON: MLflow clients are not all careful with it.
      api.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MLFLOW_BODY_LIMIT }, (_request, body, done) => {
        const text = String(body);
        if (text.trim() === '') return done(null, undefined);
        try {
          checkJsonDepth(text);
        } catch (error) {
          return done(error as Error, undefined);
        }
        try {
          const parsed: unknown = JSON.parse(text);
          // Older MLflow clients double-encode the body as a JSON string; MLflow decodes it again.
          if (typeof parsed === 'string') checkJsonDepth(parsed);
          done(null, typeof parsed === 'string' ? JSON.parse(parsed) : parsed);
        } catch (cause) {
          const error = Object.assign(new Error(`Malformed JSON request body: ${(cause as Error).message}`), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
          done(error, undefined);
        }
      });
      await experimentRoutes(api, scope);
      await runRoutes(api, scope);
      await metricRoutes(api, scope);
      await artifactListRoutes(api, scope, artifacts);
      await loggedModelRoutes(api, scope);
      await registeredModelRoutes(api, scope);
      await modelVersionRoutes(api, scope);
    },
    { prefix: '/mlflow' },
  );
  await app.register(
    async (proxy) => {
      installMlflowErrorHandler(proxy);
      await artifactProxyRoutes(proxy, scope, artifacts);
    },
    { prefix: '/mlflow-artifacts' },
  );
}

/**
 * MLflow 3's `/api/3.0` (and `/ajax-api/3.0`) paths, where MLflow serves its trace endpoints. Lathe
 * serves none there yet, so every path answers as MLflow answers an endpoint it does not have
 * (404 `ENDPOINT_NOT_FOUND`), which MLflow's client reads as "not supported by this server"
 * rather than a failure.
 */
async function mountVersion3(app: FastifyInstance): Promise<void> {
  for (const base of ['/api/3.0', '/ajax-api/3.0']) {
    await app.register(async (scope) => installMlflowErrorHandler(scope), { prefix: base });
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * As MLflow's server does, a write must say its body is JSON. Beyond MLflow's own reason, this
 * keeps out the "simple" requests (text/plain, forms, no type) that any web page can send.
 */
async function requireJsonBody(request: FastifyRequest): Promise<void> {
  if (!BODY_METHODS.has(request.method)) return;
  const type = request.headers['content-type'];
  if (type === undefined) throw new LatheError('LATHE_BAD_REQUEST', 'Bad Request. Content-Type header is missing.');
  if (type.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw new LatheError('LATHE_BAD_REQUEST', "Bad Request. Content-Type must be one of ['application/json'].");
  }
}
