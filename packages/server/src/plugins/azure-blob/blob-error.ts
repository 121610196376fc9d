import type { FastifyError, FastifyInstance } from 'fastify';
import { LatheError, type ErrorCode } from '@lathe/core';
import { clipText, MAX_MESSAGE_CHARS } from '../clip-text.js';
import { fromSystemError } from '../system-error.js';
import { closeIfBodyUnread } from '../unread-body.js';
import { xmlText } from './blob-xml.js';

// Azure's error codes this endpoint answers, with their status and the Lathe code they carry.
const AZURE_CODES = {
  AuthenticationFailed: [403, 'LATHE_FORBIDDEN'],
  AuthorizationPermissionMismatch: [403, 'LATHE_FORBIDDEN'],
  NoAuthenticationInformation: [401, 'LATHE_UNAUTHORIZED'],
  InvalidAuthenticationInfo: [401, 'LATHE_UNAUTHORIZED'],
  AuthorizationFailure: [403, 'LATHE_FORBIDDEN'],
  ResourceNotFound: [404, 'LATHE_NOT_FOUND'],
  ContainerNotFound: [404, 'LATHE_NOT_FOUND'],
  BlobNotFound: [404, 'LATHE_NOT_FOUND'],
  BlobAlreadyExists: [409, 'LATHE_CONFLICT'],
  InvalidHeaderValue: [400, 'LATHE_BAD_REQUEST'],
  InvalidQueryParameterValue: [400, 'LATHE_BAD_REQUEST'],
  InvalidResourceName: [400, 'LATHE_PATH_ESCAPE'],
  InvalidUri: [400, 'LATHE_BAD_REQUEST'],
  InvalidBlockList: [400, 'LATHE_BAD_REQUEST'],
  InvalidXmlDocument: [400, 'LATHE_BAD_REQUEST'],
  Md5Mismatch: [400, 'LATHE_CHECKSUM_MISMATCH'],
  InvalidRange: [416, 'LATHE_BAD_REQUEST'],
  UnsupportedHttpVerb: [405, 'LATHE_BAD_REQUEST'],
  RequestBodyTooLarge: [413, 'LATHE_PAYLOAD_TOO_LARGE'],
  InternalError: [500, 'LATHE_INTERNAL'],
} as const satisfies Record<string, readonly [number, ErrorCode]>;

/** An Azure Storage error code this endpoint answers with. */
export type AzureBlobCode = keyof typeof AZURE_CODES;

/** A `LatheError` that the Blob endpoint answers as Azure's `code` (kept in `details.azure_code`). */
export function blobError(code: AzureBlobCode, message: string, details: Record<string, unknown> = {}): LatheError {
  return new LatheError(AZURE_CODES[code][1], message, { details: { ...details, azure_code: code } });
}

/** The Azure code and status for any error a Blob route throws. */
export function toAzureError(error: FastifyError | LatheError): { code: AzureBlobCode; status: number; message: string } {
  const lathe = error instanceof LatheError ? error : fromSystemError(error);
  if (lathe !== undefined) {
    const given = lathe.details.azure_code as AzureBlobCode | undefined;
    const code: AzureBlobCode = given ?? FROM_LATHE[lathe.code] ?? 'InternalError';
    const status = given !== undefined ? AZURE_CODES[code][0] : lathe.statusCode;
    return { code, status, message: lathe.message };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: 'RequestBodyTooLarge', status, message: error.message };
  if (status >= 400 && status < 500) return { code: 'InvalidHeaderValue', status: 400, message: error.message };
  return { code: 'InternalError', status: 500, message: `internal error: ${error.message}` };
}

const FROM_LATHE: Partial<Record<ErrorCode, AzureBlobCode>> = {
  LATHE_BAD_REQUEST: 'InvalidHeaderValue',
  LATHE_INVALID_SPEC: 'InvalidHeaderValue',
  LATHE_NOT_FOUND: 'ResourceNotFound',
  LATHE_CONFLICT: 'BlobAlreadyExists',
  LATHE_PATH_ESCAPE: 'InvalidResourceName',
  LATHE_CHECKSUM_MISMATCH: 'Md5Mismatch',
  LATHE_UNAUTHORIZED: 'NoAuthenticationInformation',
  LATHE_FORBIDDEN: 'AuthenticationFailed',
  LATHE_PAYLOAD_TOO_LARGE: 'RequestBodyTooLarge',
};

/**
 * The Blob endpoint's error contract, installed on its scope: Azure's XML envelope
 * `<Error><Code/><Message/></Error>` with the status Azure gives and the code in
 * `x-ms-error-code`, as azure-storage-blob reads it. A HEAD answer has no body.
 */
export function installBlobErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | LatheError, request, reply) => {
    const { code, status, message } = toAzureError(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    closeIfBodyUnread(request, reply);
    void reply.status(status).header('x-ms-error-code', code).header('x-ms-version', '2021-12-02');
    if (request.method === 'HEAD') return reply.send();
    const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${xmlText(clipText(message, MAX_MESSAGE_CHARS))}</Message></Error>`;
    return reply.type('application/xml').send(body);
  });
  scope.setNotFoundHandler((request, reply) => {
    void reply.status(400).header('x-ms-error-code', 'InvalidUri').type('application/xml');
    return reply.send(
      `<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidUri</Code><Message>${xmlText(`no Blob operation ${request.method} ${clipText(request.url.split('?')[0] ?? '')}`)}</Message></Error>`,
    );
  });
}
