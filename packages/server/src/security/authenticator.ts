import type { FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { clipText } from '../plugins/clip-text.js';
import { presentedToken } from './credentials.js';
import { sameText, type JobClaim, type JobTokens } from './job-tokens.js';

/** Options for {@link Authenticator}. */
export interface AuthenticatorOptions {
  /** The access token every API call must present, or `undefined` when auth is off. */
  accessToken: string | undefined;
  jobTokens: JobTokens;
  /** True while the job may still act (not ended); a job token is refused afterwards. */
  isActiveJob: (claim: JobClaim) => Promise<boolean>;
}

// Open even when auth is on: liveness checks, the login URL, and Studio's static files (they
// hold no data; every read Studio makes goes through the API).
const PROTECTED = /^\/(api|ajax-api)\//;
const OPEN = new Set(['/api/v1/health']);

/**
 * Who may do what. Runtime routes (`/jobs/<name>/runtime/*`: reports, log chunks, outputs) take
 * only the token of the job they name, whatever else is configured: anyone else could forge a
 * job's result. When auth is on, every other API route takes the access token (as a bearer token
 * or Studio's login cookie) or the token of a job that is still active, so a job's own MLflow
 * client and launcher keep working.
 */
export class Authenticator {
  constructor(private readonly options: AuthenticatorOptions) {}

  /** True when API calls need a credential. */
  get required(): boolean {
    return this.options.accessToken !== undefined;
  }

  /** True when `token` is the access token. */
  isAccessToken(token: string | undefined): boolean {
    return token !== undefined && this.options.accessToken !== undefined && sameText(token, this.options.accessToken);
  }

  /** Throws `LATHE_UNAUTHORIZED` unless the request may reach its route. */
  async check(request: FastifyRequest): Promise<void> {
    const route = request.routeOptions.url ?? '';
    if (route.includes('/jobs/:name/runtime/')) return this.checkRuntime(request, presentedToken(request));
    const path = request.url.split('?')[0] ?? '';
    if (!this.required || !PROTECTED.test(path) || OPEN.has(path)) return;
    const token = presentedToken(request);
    if (this.isAccessToken(token)) return;
    const claim = this.options.jobTokens.verify(token);
    if (claim !== undefined && (await this.options.isActiveJob(claim))) return;
    throw new LatheError(
      'LATHE_UNAUTHORIZED',
      token === undefined
        ? 'this server asks for its access token: send Authorization: Bearer <token> (LATHE_TOKEN for the CLI, MLFLOW_TRACKING_TOKEN for MLflow clients) or open the login URL it printed'
        : "the token sent is not this server's access token",
      { details: { auth: 'token' } },
    );
  }

  private checkRuntime(request: FastifyRequest, token: string | undefined): void {
    const { workspace, name } = request.params as { workspace?: string; name?: string };
    const claim = this.options.jobTokens.verify(token);
    if (claim !== undefined && claim.workspace === workspace && claim.job === name) return;
    throw new LatheError('LATHE_UNAUTHORIZED', `runtime calls for job '${clipText(String(name))}' take only that job's own token`, { details: { auth: 'job-token' } });
  }
}
