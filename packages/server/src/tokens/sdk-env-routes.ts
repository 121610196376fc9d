import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';
import { paths, type SdkEnvResource } from '@lathe/api';
import type { Authenticator } from '../security/authenticator.js';
import { presentedToken } from '../security/credentials.js';
import { isLoopbackHost } from '../security/host-allow-list.js';

/**
 * `GET /api/v1/sdk/env` (`lathe sdk env`): the variables that point the Azure ML SDK at this
 * server, the default principal's secret among them. Answered only to callers who could read it
 * from `LATHE_HOME` or run jobs anyway: with auth on, the access token itself (a job's token is
 * not enough); with auth off, a connection from loopback. `environment` answers `undefined` when
 * the HTTPS listener is off (409).
 */
export async function sdkEnvRoutes(app: FastifyInstance, auth: Authenticator, environment: () => SdkEnvResource | undefined): Promise<void> {
  app.get(paths.sdkEnv(), async (request, reply) => {
    if (auth.required ? !auth.isAccessToken(presentedToken(request)) : !isLoopbackHost(request.socket.remoteAddress ?? '')) {
      throw new LatheError('LATHE_FORBIDDEN', 'the Azure SDK credentials are given only to the holder of the access token, or, without auth, to a caller on this machine');
    }
    const env = environment();
    if (env === undefined) throw new LatheError('LATHE_CONFLICT', 'the HTTPS listener the Azure SDK needs is off (LATHE_TLS=off); turn it on to use the SDK');
    void reply.header('cache-control', 'no-store');
    return env;
  });
}
