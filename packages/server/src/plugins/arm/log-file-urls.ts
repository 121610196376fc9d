import { createHmac, timingSafeEqual } from 'node:crypto';
import { LatheError } from '@lathe/core';
import { loadOrCreateSecret } from '../../security/secrets-folder.js';

/** Where signed log files are served: `<prefix>/<workspace>/<job>/<file>?se=…&sig=…`. */
export const LOG_FILE_ROUTE_PREFIX = '/history/v1.0/logfiles';

/** How long a log URL in run details stays valid; the SDK asks for fresh details on every poll. */
const VALIDITY_MS = 60 * 60 * 1000;

/** A log file a signed URL names. */
export interface LogFileRef {
  workspace: string;
  job: string;
  /** The name Azure ML gives it, such as `user_logs/std_log.txt`. */
  file: string;
}

/**
 * Signed, expiring URLs for a job's log files, which the Azure ML SDK fetches without a bearer
 * token (Azure hands out SAS URLs there). The signature is an HMAC-SHA256 over workspace, job,
 * file and expiry with a key only the server holds (`<home>/secrets/log-url.key`, 0600), so a URL
 * cannot be guessed, altered to name another file, or used after `se`.
 */
export class LogFileUrls {
  constructor(
    private readonly home: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The URL of `ref` on `baseUrl` (`https://host:port`), valid for an hour. */
  async sign(baseUrl: string, ref: LogFileRef): Promise<string> {
    const se = new Date(this.now() + VALIDITY_MS).toISOString();
    const path = [ref.workspace, ref.job, ...ref.file.split('/')].map(encodeURIComponent).join('/');
    return `${baseUrl}${LOG_FILE_ROUTE_PREFIX}/${path}?se=${encodeURIComponent(se)}&sig=${await this.signature(ref, se)}`;
  }

  /** Throws `LATHE_FORBIDDEN` unless `se` and `sig` are a live signature of `ref`. */
  async verify(ref: LogFileRef, se: string | undefined, sig: string | undefined): Promise<void> {
    if (se === undefined || sig === undefined) throw forbidden('a log file URL needs se and sig: take it from the run details');
    const expected = Buffer.from(await this.signature(ref, se));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden('the log file URL signature does not match (sig)');
    const expiry = Date.parse(se);
    if (Number.isNaN(expiry) || expiry <= this.now()) throw forbidden(`the log file URL expired at ${se}: take a fresh one from the run details`);
  }

  private async signature(ref: LogFileRef, se: string): Promise<string> {
    // Read each time, not cached: deleting the key file ends every URL at once.
    const key = (await loadOrCreateSecret(this.home, 'log-url.key')).value;
    return createHmac('sha256', key).update([ref.workspace, ref.job, ref.file, se].join('\n')).digest('base64url');
  }
}

function forbidden(message: string): LatheError {
  return new LatheError('LATHE_FORBIDDEN', message);
}
