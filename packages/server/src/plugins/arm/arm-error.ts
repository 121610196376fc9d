import type { FastifyError, FastifyInstance } from 'fastify';
import { LatheError, type ErrorCode } from '@lathe/core';
import { clipText, MAX_MESSAGE_CHARS } from '../clip-text.js';
import { fromSystemError } from '../system-error.js';

// ARM's error code for each Lathe code; the status stays the Lathe code's own.
const ARM_CODES: Partial<Record<ErrorCode, string>> = {
  LATHE_INVALID_SPEC: 'BadRequest',
  LATHE_BAD_REQUEST: 'BadRequest',
  LATHE_PATH_ESCAPE: 'BadRequest',
  LATHE_NOT_FOUND: 'ResourceNotFound',
  LATHE_CONFLICT: 'Conflict',
  LATHE_UNAUTHORIZED: 'AuthenticationFailed',
  LATHE_FORBIDDEN: 'AuthorizationFailed',
  LATHE_PAYLOAD_TOO_LARGE: 'RequestEntityTooLarge',
};

/** The ARM code, status and message for any error an ARM route throws. */
export function toArmError(error: FastifyError | LatheError): { code: string; status: number; message: string } {
  const lathe = error instanceof LatheError ? error : fromSystemError(error);
  if (lathe !== undefined) {
    if (lathe.statusCode >= 500) return { code: 'InternalServerError', status: lathe.statusCode, message: lathe.message };
    return { code: ARM_CODES[lathe.code] ?? 'BadRequest', status: lathe.statusCode, message: lathe.message };
  }
  const status = error.statusCode ?? 500;
  // Fastify's own 4xx (schema validation, unparsable JSON, a body too large) are the client's.
  if (status === 413) return { code: 'RequestEntityTooLarge', status, message: error.message };
  if (status >= 400 && status < 500) return { code: 'BadRequest', status: 400, message: error.message };
  return { code: 'InternalServerError', status: 500, message: `internal error: ${error.message}` };
}

/**
 * The ARM routes' error contract, installed on their scope: `{"error":{"code","message"}}` with
 * ARM's status codes, which azure-core turns into `ResourceNotFoundError`,
 * `ClientAuthenticationError` and `HttpResponseError`. A 401 also carries `WWW-Authenticate`.
 */
export function installArmErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | LatheError, request, reply) => {
    const { code, status, message } = toArmError(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (status === 401) void reply.header('www-authenticate', 'Bearer authorization_uri="", error="invalid_token"');
    return reply.status(status).send({ error: { code, message: clipText(message, MAX_MESSAGE_CHARS) } });
  });
}
