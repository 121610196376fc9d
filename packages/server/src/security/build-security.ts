import type { JobRecord } from '@lathe/core';
import { isTerminal } from '@lathe/core';
import type { MetadataStore } from '@lathe/store';
import type { ServerConfig } from '../server-config.js';
import { Authenticator } from './authenticator.js';
import { HostAllowList, isLoopbackHost } from './host-allow-list.js';
import { JobTokens } from './job-tokens.js';
import { OriginPolicy } from './origin-policy.js';
import type { RequestGuardOptions } from './request-guard.js';
import { loadOrCreateSecret, type StoredSecret } from './secrets-folder.js';

/** Settings of {@link buildSecurity}: the server's own. */
export type SecuritySettings = Pick<ServerConfig, 'home' | 'host' | 'auth' | 'allowedHosts' | 'corsOrigins'>;

/** The server's security parts, made once at start. */
export interface Security {
  guard: RequestGuardOptions;
  jobTokens: JobTokens;
  /** The access token, when API calls need one. */
  accessToken?: StoredSecret;
  /** Lines the server prints at every start (the insecure-listening warning). */
  warnings: string[];
}

/**
 * Reads (or makes) the job-token key and, when auth is on, the access token, both under
 * `<home>/secrets/`. Auth is on for `token`, and for `auto` when the server listens beyond
 * loopback: there anyone who reaches the port could otherwise run commands as the server's user.
 */
export async function buildSecurity(settings: SecuritySettings, store: Pick<MetadataStore, 'getJob'>): Promise<Security> {
  const jobTokens = new JobTokens((await loadOrCreateSecret(settings.home, 'job-token.key')).value);
  const beyondLoopback = !isLoopbackHost(settings.host);
  const required = settings.auth === 'token' || (settings.auth === 'auto' && beyondLoopback);
  const accessToken = required ? await loadOrCreateSecret(settings.home, 'access-token') : undefined;
  const warnings =
    beyondLoopback && !required ? [`WARNING: listening on ${settings.host} without authentication (--insecure-no-auth): anyone who can reach this port can run commands as this user.`] : [];
  const auth = new Authenticator({
    accessToken: accessToken?.value,
    jobTokens,
    isActiveJob: async ({ workspace, job }) => {
      const record: JobRecord | undefined = await store.getJob(workspace, job).catch(() => undefined);
      return record !== undefined && !isTerminal(record.status);
    },
  });
  return {
    guard: { hosts: new HostAllowList(settings.host, settings.allowedHosts), origins: new OriginPolicy(settings.corsOrigins), auth },
    jobTokens,
    ...(accessToken ? { accessToken } : {}),
    warnings,
  };
}
