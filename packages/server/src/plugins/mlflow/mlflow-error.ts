import type { FastifyError, FastifyInstance } from 'fastify';
import { LatheError, type ErrorCode } from '@lathe/core';
import { MAX_MESSAGE_CHARS, clipText } from '../clip-text.js';
import { fromSystemError } from '../system-error.js';
import { closeIfBodyUnread } from '../unread-body.js';

/** MLflow's error codes and the HTTP statuses its server answers them with. */
const MLFLOW_STATUS: Record<string, number> = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  MALFORMED_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  TEMPORARILY_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  // MLflow answers RESOURCE_EXHAUSTED with 429, which its client retries for minutes; a full
  // disk does not clear by itself, so it is 507, a status the client gives up on at once.
  RESOURCE_EXHAUSTED: 507,
};

// Every code needs its MLflow code: `satisfies` makes a new one a compile error until it is added.
const FROM_LATHE = {
  LATHE_INVALID_SPEC: 'INVALID_PARAMETER_VALUE',
  LATHE_BAD_REQUEST: 'INVALID_PARAMETER_VALUE',
  LATHE_NOT_FOUND: 'RESOURCE_DOES_NOT_EXIST',
  LATHE_CONFLICT: 'RESOURCE_ALREADY_EXISTS',
  LATHE_PATH_ESCAPE: 'INVALID_PARAMETER_VALUE',
  LATHE_CHECKSUM_MISMATCH: 'INVALID_PARAMETER_VALUE',
  LATHE_UNAUTHORIZED: 'UNAUTHENTICATED',
  LATHE_FORBIDDEN: 'PERMISSION_DENIED',
  LATHE_SNAPSHOT_TOO_LARGE: 'INVALID_PARAMETER_VALUE',
  LATHE_PAYLOAD_TOO_LARGE: 'INVALID_PARAMETER_VALUE',
  LATHE_UNAVAILABLE: 'TEMPORARILY_UNAVAILABLE',
  LATHE_STORAGE_FULL: 'RESOURCE_EXHAUSTED',
  LATHE_REQUEST_TIMEOUT: 'BAD_REQUEST',
  LATHE_JOB_FAILED: 'INVALID_STATE',
  LATHE_JOB_CANCELED: 'INVALID_STATE',
  LATHE_INTERNAL: 'INTERNAL_ERROR',
} satisfies Record<ErrorCode, string>;

/** MLflow's error body: `{ error_code, message }`. */
export interface MlflowErrorBody {
  error_code: string;
  message: string;
}

/**
 * The MLflow routes' error contract, installed on their scope: every error is
 * `{ error_code, message }` with MLflow's code and HTTP status. Bad input is always a 4xx — the
 * MLflow client retries 5xx for minutes — so only a genuine fault is INTERNAL_ERROR.
 */
export function installMlflowErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | LatheError, request, reply) => {
    const { status, body } = toMlflowError(error);
    body.message = clipText(body.message, MAX_MESSAGE_CHARS);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    closeIfBodyUnread(request, reply);
    void reply.status(status).send(body);
  });
  scope.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint ${request.method} ${clipText(request.url.split('?')[0] ?? '')}` });
  });
}

/**
 * The MLflow status and body for any error a route may throw; file-system and tar errors a
 * request caused are mapped as Lathe's handler maps them (`fromSystemError`).
 */
export function toMlflowError(error: FastifyError | LatheError): { status: number; body: MlflowErrorBody } {
  const system = fromSystemError(error);
  if (system !== undefined && system !== error) return toMlflowError(system);
  if (error instanceof LatheError) {
    const override = (error.details as { mlflowErrorCode?: string } | undefined)?.mlflowErrorCode;
    const code = override ?? FROM_LATHE[error.code] ?? 'INTERNAL_ERROR';
    const status = error.code === 'LATHE_REQUEST_TIMEOUT' ? error.statusCode : (MLFLOW_STATUS[code] ?? 500);
    return { status, body: { error_code: code, message: error.message } };
  }
  if (error.validation) return { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: error.message } };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Unparsable JSON, an unsupported media type or an oversized body.
    const code = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(error.message) ? 'MALFORMED_REQUEST' : 'BAD_REQUEST';
    return { status: 400, body: { error_code: code, message: error.message } };
  }
  return { status: 500, body: { error_code: 'INTERNAL_ERROR', message: `internal error: ${error.message}` } };
}
