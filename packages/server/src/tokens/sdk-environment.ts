import type { SdkEnvResource } from '@lathe/api';
import type { PrincipalCredentials } from './token-service.js';

/**
 * The variables that point azure-ai-ml and azure-identity at this server's HTTPS listener: the
 * ARM base URL (`AZUREML_DEV_URL_MFE`), the CA to trust, the token service as authority with the
 * `adfs` tenant (MSAL then skips instance discovery, which would call login.microsoftonline.com),
 * the default principal's credentials, and the telemetry opt-out.
 */
export function sdkEnvironment(tls: { url: string; caFile?: string }, tenantId: string, principal: PrincipalCredentials): SdkEnvResource {
  return {
    variables: {
      AZUREML_DEV_URL_MFE: tls.url,
      ...(tls.caFile ? { REQUESTS_CA_BUNDLE: tls.caFile } : {}),
      AZURE_AUTHORITY_HOST: tls.url,
      AZURE_TENANT_ID: 'adfs',
      AZURE_CLIENT_ID: principal.record.clientId,
      AZURE_CLIENT_SECRET: principal.secret,
      AZUREML_SDKV2_TELEMETRY_OPTOUT: '1',
    },
    tenant_id: tenantId,
  };
}
