import type { ServicePrincipalResource } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';

const COLUMNS = [
  { header: 'Name', value: (p: ServicePrincipalResource) => p.name },
  { header: 'Client id', value: (p: ServicePrincipalResource) => p.client_id },
  { header: 'Created', value: (p: ServicePrincipalResource) => p.created_at },
];

/** `lathe sp create --name N`: a service principal of the workspace; its secret is printed once. */
export const spCreate: Command = {
  name: 'sp create',
  summary: 'Create a service principal (client id + secret) for Azure SDK clients; the secret is shown once',
  options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: 'a name unique in the workspace' } },
  usage: 'lathe sp create --name N [-w workspace] [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const name = values.name as string | undefined;
    if (!name) throw new UsageError('--name is required');
    const sp = await io.client().createServicePrincipal(name);
    const output = parseOutput(values);
    if (isTable(output)) {
      io.out(
        `Service principal ${sp.name} in workspace ${sp.workspace}\n  AZURE_CLIENT_ID=${sp.client_id}\n  AZURE_CLIENT_SECRET=${sp.client_secret ?? ''}\nThe secret is shown only now: only its hash is kept.\n`,
      );
    } else io.out(render(output, sp, [sp], COLUMNS));
    return 0;
  },
};

/** `lathe sp list`. */
export const spList: Command = {
  name: 'sp list',
  summary: "List the workspace's service principals (without secrets)",
  options: { ...COMMON_OPTIONS },
  usage: 'lathe sp list [-w workspace] [-o table|json|yaml|tsv]',
  async run(values, _positionals, io) {
    const principals = await io.client().listServicePrincipals();
    io.out(render(parseOutput(values), principals, principals, COLUMNS));
    return 0;
  },
};

/** `lathe sp delete --client-id ID`. */
export const spDelete: Command = {
  name: 'sp delete',
  summary: 'Delete a service principal; its access tokens stop working at once',
  options: { ...COMMON_OPTIONS, 'client-id': { type: 'string', description: 'the client id (AZURE_CLIENT_ID)' } },
  usage: 'lathe sp delete --client-id ID [-w workspace]',
  async run(values, positionals, io) {
    const clientId = (values['client-id'] as string | undefined) ?? positionals[0];
    if (!clientId) throw new UsageError('--client-id is required');
    await io.client().deleteServicePrincipal(clientId);
    io.out(`Deleted service principal ${clientId}\n`);
    return 0;
  },
};

/** `lathe sdk env`: `export` lines that point the Azure ML Python SDK at the server. */
export const sdkEnv: Command = {
  name: 'sdk env',
  summary: 'Print the shell lines that point the Azure ML Python SDK (MLClient, DefaultAzureCredential) at this server',
  options: { help: COMMON_OPTIONS.help },
  usage: 'lathe sdk env   (eval "$(lathe sdk env)" sets them in this shell)',
  async run(_values, _positionals, io) {
    const env = await io.client().sdkEnvironment();
    io.out('# Azure ML Python SDK against Lathe: paste into your shell, or eval "$(lathe sdk env)"\n');
    for (const [name, value] of Object.entries(env.variables)) io.out(`export ${name}=${shellQuote(value)}\n`);
    io.out(`# Tenant id for AZURE_TENANT_ID with DefaultAzureCredential(instance_discovery=False): ${env.tenant_id}\n`);
    return 0;
  },
};

// Single quotes keep every character but the quote itself, which is closed, escaped and reopened.
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
