/** A service principal of a workspace: what Azure SDK clients sign in as (client credentials). */
export interface ServicePrincipalResource {
  /** `AZURE_CLIENT_ID`: a GUID. */
  client_id: string;
  name: string;
  workspace: string;
  /** ISO 8601. */
  created_at: string;
  /** Create answers only: `AZURE_CLIENT_SECRET`, shown this once (only its hash is kept). */
  client_secret?: string;
}

/** Body of `POST …/service-principals`. */
export interface CreateServicePrincipalRequest {
  /** Unique in the workspace: letters, digits, `-`, `_`, `.`, up to 64. */
  name: string;
}

/**
 * `GET /api/v1/sdk/env`: the shell variables that point the Azure ML Python SDK
 * (`DefaultAzureCredential`, `MLClient`) at this server, with the default principal's
 * credentials. `REQUESTS_CA_BUNDLE` is absent when the server uses the operator's own certificate.
 */
export interface SdkEnvResource {
  variables: Record<string, string>;
  /** The tenant id tokens carry (`tid`); `AZURE_TENANT_ID` may be it, with `instance_discovery=False`, instead of `adfs`. */
  tenant_id: string;
}
