import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'ljt_';

/** The job a token was issued for. */
export interface JobClaim {
  workspace: string;
  job: string;
}

/**
 * Per-job credentials. A job's token is an HMAC of its workspace and name under the server's
 * key (`<LATHE_HOME>/secrets/job-token.key`): the backend writes it into the job's manifest at
 * launch, the launcher sends it with every runtime call, and the server recomputes it, so no token
 * is stored or listed anywhere and tokens stay valid across a server restart. Runtime routes take
 * only the token of the job they name.
 */
export class JobTokens {
  constructor(private readonly key: string) {}

  /** The token of one job. */
  issue(workspace: string, job: string): string {
    const claim = Buffer.from(`${workspace}\n${job}`).toString('base64url');
    return `${PREFIX}${claim}.${this.sign(workspace, job)}`;
  }

  /** The job `token` was issued for, or `undefined` when it is not a genuine job token. */
  verify(token: string | undefined): JobClaim | undefined {
    if (token === undefined || !token.startsWith(PREFIX) || token.length > 1024) return undefined;
    const [claim, signature] = token.slice(PREFIX.length).split('.');
    if (claim === undefined || signature === undefined) return undefined;
    const [workspace, job, extra] = Buffer.from(claim, 'base64url').toString().split('\n');
    if (workspace === undefined || job === undefined || extra !== undefined) return undefined;
    return sameText(signature, this.sign(workspace, job)) ? { workspace, job } : undefined;
  }

  private sign(workspace: string, job: string): string {
    return createHmac('sha256', this.key).update(`lathe-job\n${workspace}\n${job}`).digest('base64url');
  }
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
