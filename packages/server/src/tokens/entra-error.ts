import { randomUUID } from 'node:crypto';

/**
 * An error of the token endpoints in Entra ID's (Azure AD's) shape, which MSAL and azure-identity
 * read: an OAuth `error`, an `AADSTS<code>: ...` description and the code again in `error_codes`.
 */
export class EntraError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly aadsts: number,
    description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }

  /** The JSON body Entra answers. */
  body(): Record<string, unknown> {
    const traceId = randomUUID();
    return {
      error: this.error,
      error_description: `${this.message}\r\nTrace ID: ${traceId}`,
      error_codes: [this.aadsts],
      timestamp: new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z'),
      trace_id: traceId,
      correlation_id: randomUUID(),
    };
  }
}
