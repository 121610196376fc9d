import { LatheError } from '@lathe/core';
import type { TokenService } from '../../tokens/token-service.js';
import type { BearerCheck } from './blob-auth.js';
import { blobError } from './blob-error.js';

/** The audience azure-storage-blob asks tokens for (`https://storage.azure.com/.default`). */
export const STORAGE_AUDIENCE = 'https://storage.azure.com';

/**
 * Bearer tokens on the Blob endpoint, as Azure Storage takes Entra tokens: a token of the token
 * service for the storage audience whose principal belongs to the account's workspace may do
 * what the account key may. A token that does not verify is `401 InvalidAuthenticationInfo`;
 * another workspace's principal is `403 AuthorizationFailure`.
 */
export function blobBearerCheck(tokens: TokenService): BearerCheck {
  return async (_request, workspace, token) => {
    let principal;
    try {
      principal = await tokens.verifyAccessToken(`Bearer ${token}`, STORAGE_AUDIENCE);
    } catch (error) {
      if (error instanceof LatheError && error.code === 'LATHE_UNAUTHORIZED') throw blobError('InvalidAuthenticationInfo', error.message);
      throw error;
    }
    if (principal.workspace !== workspace) {
      throw blobError('AuthorizationFailure', `the client '${principal.clientId}' belongs to workspace '${principal.workspace}' and has no access to storage account '${workspace}'`);
    }
  };
}
