import { dirname } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { notFound } from '@lathe/core';
import { WORKSPACE_PREFIX } from '@lathe/api';
import { assetRoutes } from './plugins/assets/asset-routes.js';
import { computeRoutes } from './plugins/computes/compute-routes.js';
import { scheduleRoutes } from './plugins/schedules/schedule-routes.js';
import { builtinDatastoreRoutes } from './plugins/assets/builtin-datastore-routes.js';
import { curatedEnvironmentRoutes } from './plugins/assets/curated-environment-routes.js';
import { lineageRoutes } from './plugins/assets/lineage-routes.js';
import { blobRoutes } from './plugins/blob-routes.js';
import { azureBlobRoutes } from './plugins/azure-blob/azure-blob-routes.js';
import { blobBearerCheck } from './plugins/azure-blob/blob-bearer-check.js';
import { armRoutes } from './plugins/arm/arm-routes.js';
import { installBodyIdleTimeout } from './plugins/body-idle-timeout.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { checkJsonDepth } from './plugins/json-depth.js';
import { finiteQueryNumbers, scalarQueryByDefault } from './plugins/query-schema.js';
import { jobRoutes } from './plugins/jobs/job-routes.js';
import { mlflowApi } from './plugins/mlflow/mlflow-api.js';
import { logRoutes } from './plugins/jobs/log-routes.js';
import { outputRoutes } from './plugins/jobs/output-routes.js';
import { runtimeRoutes } from './plugins/runtime-routes.js';
import { systemRoutes } from './plugins/system-routes.js';
import { studioRoutes } from './plugins/studio-routes.js';
import { workspaceRoutes } from './plugins/workspaces/workspace-routes.js';
import { liveEventRoutes } from './plugins/runs/live-event-routes.js';
import { metricSeriesRoutes } from './plugins/runs/metric-series-routes.js';
import { runQueryRoutes } from './plugins/runs/run-query-routes.js';
import type { ServerContext } from './server-context.js';
import { loginRoutes } from './security/login-routes.js';
import { defaultGuard, installRequestGuard, type RequestGuardOptions } from './security/request-guard.js';
import { sdkEnvRoutes } from './tokens/sdk-env-routes.js';
import { servicePrincipalRoutes } from './tokens/service-principal-routes.js';
import { tokenRoutes } from './tokens/token-routes.js';
import type { TokenService } from './tokens/token-service.js';
import type { SdkEnvResource } from '@lathe/api';
import type { ServicePrincipalStore } from '@lathe/store';

/** Options for {@link buildApp}. */
export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /**
   * Host allow-list, origin policy and credentials (`buildSecurity`); default: loopback only,
   * no CORS, no access token, job tokens under a key made for this app.
   */
  guard?: RequestGuardOptions;
  /** Time a client has to send a request's headers (default 20 s); Node answers 408 and closes. */
  headersTimeoutMs?: number;
  /** Time a whole request may take (default 0: no limit, so long uploads keep working). */
  requestTimeoutMs?: number;
  /** Time a request body may go without a byte (default 30 s); see `installBodyIdleTimeout`. */
  bodyIdleTimeoutMs?: number;
  /** The token service, service principals and `lathe sdk env` for Azure SDK clients; absent, none of their routes exist. */
  azure?: AzureAccess;
}

/** What the Azure SDK's routes stand on (see `startServer`). */
export interface AzureAccess {
  tokens: TokenService;
  servicePrincipals: ServicePrincipalStore;
  /** The variables `lathe sdk env` prints, once the HTTPS listener is up; `undefined` without one. */
  sdkEnvironment: () => SdkEnvResource | undefined;
}

/**
 * The Fastify app with every route plugin, the error handler, raw-stream body parsing for
 * uploads, and timeouts for slow headers and stalled bodies. Does not listen; tests drive it with `app.inject()` or `listen({ port: 0 })`.
 */
export async function buildApp(ctx: ServerContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const requestTimeout = options.requestTimeoutMs ?? 0;
  // Node refuses a headers timeout above a non-zero request timeout.
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 20_000, requestTimeout || Infinity);
  const app = Fastify({
    logger: options.logger ?? false,
    requestTimeout,
    // Node checks both timeouts on this interval (30 s by default), so it bounds their precision.
    http: { headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(5000, Math.floor(headersTimeout / 4))) },
    exposeHeadRoutes: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  const guard = options.guard ?? defaultGuard();
  const azure = options.azure;
  installRequestGuard(app, guard);
  // Uploads are handed to routes as streams and written to disk as they arrive.
  // Any other type too: JSON routes then fail their schema with a 400 instead of a parser 500.
  installBodyIdleTimeout(app, options.bodyIdleTimeoutMs ?? 30_000);
  app.addContentTypeParser(['application/octet-stream', 'application/gzip', 'application/x-tar', '*'], (_request, payload, done) => done(null, payload));
  installJsonParser(app);
  // Requests no route matched may be Studio's client-side routes; its plugin supplies the answer.
  let studio: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> = async () => false;
  const hiddenPaths = [dirname(ctx.datastoreRoot), ...(ctx.studioRoot !== undefined ? [ctx.studioRoot] : [])];
  installErrorHandler(app, { fallback: (request, reply) => studio(request, reply), hiddenPaths });
  finiteQueryNumbers(app);
  await app.register(async (root) => {
    scalarQueryByDefault(root);
    studio = await studioRoutes(root, ctx);
    await systemRoutes(root, ctx);
    await workspaceRoutes(root, ctx);
    await loginRoutes(root, guard.auth);
    await curatedEnvironmentRoutes(root);
    if (azure) await sdkEnvRoutes(root, guard.auth, azure.sdkEnvironment);
  });
  // The Blob protocol: its own body parsing, auth (SharedKey, SAS) and XML errors.
  await app.register(async (root) => azureBlobRoutes(root, ctx, azure ? { bearer: blobBearerCheck(azure.tokens) } : {}));
  // Its own scope: a form parser and Entra's error shape for these routes only.
  if (azure) await app.register(async (scope) => tokenRoutes(scope, azure.tokens));
  // The Azure ML SDK's ARM-shaped control plane: bearer tokens of the token service, ARM's errors.
  if (azure) await app.register(async (scope) => armRoutes(scope, ctx, azure.tokens));
  // MLflow's routes read a repeated scalar key as its last value, as MLflow does.
  await app.register(async (root) => mlflowApi(root, ctx));
  await app.register(
    async (scope) => {
      scalarQueryByDefault(scope);
      scope.addHook('preHandler', async (request) => {
        const { workspace } = request.params as { workspace: string };
        if (!(await ctx.store.hasWorkspace(workspace))) throw notFound('workspace', workspace);
      });
      await jobRoutes(scope, ctx);
      await logRoutes(scope, ctx);
      await outputRoutes(scope, ctx);
      await runtimeRoutes(scope, ctx);
      await blobRoutes(scope, ctx);
      await builtinDatastoreRoutes(scope);
      await computeRoutes(scope, ctx);
      await scheduleRoutes(scope, ctx);
      await assetRoutes(scope, ctx);
      await lineageRoutes(scope, ctx);
      await runQueryRoutes(scope, ctx);
      await metricSeriesRoutes(scope, ctx);
      await liveEventRoutes(scope, ctx);
      if (azure) await servicePrincipalRoutes(scope, azure.tokens, azure.servicePrincipals);
    },
    { prefix: WORKSPACE_PREFIX },
  );
  return app;
}

// Fastify's JSON parser, after a depth check: a deeply nested body would overflow the stack of
// whatever walks it recursively (validation, error messages) and answer 500.
function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      checkJsonDepth(body as string);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
