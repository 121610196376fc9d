import type { SdkEnvResource } from '@lathe/api';
import type { MlflowTestServer } from '../../testing/mlflow-test-server.js';

/** The ARM path of workspace `ws` with the SDK's own casing. */
export function armWorkspacePath(ws = 'default'): string {
  return `/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/${ws}`;
}

/**
 * An access token for the ARM audience from the token service, for the default principal or the
 * one whose client id and secret are given.
 * @internal
 */
export async function armToken(srv: MlflowTestServer, credentials?: { client_id: string; client_secret: string }): Promise<string> {
  const env = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body.variables;
  const form = new URLSearchParams({
    client_id: credentials?.client_id ?? env.AZURE_CLIENT_ID ?? '',
    client_secret: credentials?.client_secret ?? env.AZURE_CLIENT_SECRET ?? '',
    grant_type: 'client_credentials',
    scope: 'https://management.azure.com/.default',
  });
  const answer = await srv.post<{ access_token: string }>('/adfs/oauth2/v2.0/token', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  if (answer.status !== 200) throw new Error(`no token: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}
