import { clipText } from '../plugins/clip-text.js';

/** Methods that never change state, which browsers send cross-site without asking. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What {@link OriginPolicy.check} decided for one request. */
export type OriginDecision = { allowed: true; cors: boolean } | { allowed: false; reason: string };

/**
 * Cross-site request forgery and CORS. A browser sends "simple" POSTs to any site without a
 * preflight, so a page on another origin could cancel jobs or delete runs through the user's
 * browser; every state-changing request whose `Origin` is neither the server's own nor a
 * configured one (`LATHE_CORS_ORIGINS`) is refused, and so is one the browser marks
 * `Sec-Fetch-Site: cross-site`/`same-site` without an `Origin`. Programs (CLI, SDKs, MLflow
 * clients) send neither header and are not affected. Only configured origins get CORS headers.
 */
export class OriginPolicy {
  private readonly origins: Set<string>;

  constructor(corsOrigins: readonly string[]) {
    this.origins = new Set(corsOrigins);
  }

  /** Decides for a request with this method, `Origin`, `Host` and `Sec-Fetch-Site`. */
  check(method: string, origin: string | undefined, host: string, fetchSite: string | undefined): OriginDecision {
    const cors = origin !== undefined && this.origins.has(origin);
    if (SAFE_METHODS.has(method) || cors) return { allowed: true, cors };
    if (origin !== undefined) {
      return sameOrigin(origin, host) ? { allowed: true, cors: false } : { allowed: false, reason: `requests from origin '${clipText(origin)}' may not change anything here` };
    }
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return { allowed: false, reason: `a ${fetchSite} request may not change anything here` };
    return { allowed: true, cors: false };
  }

  /** True when `origin` was configured for CORS. */
  allowsCors(origin: string | undefined): origin is string {
    return origin !== undefined && this.origins.has(origin);
  }
}

// Compared on host and port only: behind a TLS proxy the page is https while the server sees http.
function sameOrigin(origin: string, host: string): boolean {
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
