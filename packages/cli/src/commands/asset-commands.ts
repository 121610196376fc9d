import { resolve } from 'node:path';
import { ASSET_PLURALS } from '@lathe/api/asset-resource';
import type { AssetKindName, AssetResource, CuratedEnvironmentResource, LineageEdgeResource } from '@lathe/api';
import { COMMON_OPTIONS, UsageError, type Command, type OptionValues } from '../command.js';
import { isTable, parseOutput, render, table } from '../output.js';
import { assetCreate } from './asset-create.js';
import { builtinOrDatastore, withBuiltinDatastores, type DatastoreRow } from './builtin-datastores.js';
import { curatedText, environmentOrCurated, withCuratedEnvironments, type EnvironmentRow } from './curated-environments.js';

/** `lathe <kind> list|show|archive|restore` (and `download` for data and models), as `az ml <kind>`. */
export function assetCommands(kind: AssetKindName): Command[] {
  const plural = ASSET_PLURALS[kind];
  const commands: Command[] = [
    assetCreate(kind),
    {
      name: `${kind} list`,
      summary: `List ${plural} with their latest versions${kind === 'environment' ? ' (and the curated ones)' : ''}${kind === 'datastore' ? ' (and the built-in ones)' : ''}`,
      options: {
        ...COMMON_OPTIONS,
        name: { type: 'string', short: 'n', description: `list this ${kind}'s versions instead` },
        'include-archived': { type: 'boolean', description: 'include archived ones' },
      },
      usage: `lathe ${kind} list [--name N (its versions)] [--include-archived] [-o table|json|yaml|tsv]`,
      async run(values, _positionals, io) {
        const client = io.client();
        const includeArchived = values['include-archived'] === true;
        const output = parseOutput(values);
        const name = values.name as string | undefined;
        if (name !== undefined) {
          const versions = await client.listAssetVersions(plural, name, { includeArchived });
          io.out(render(output, versions, versions, VERSION_COLUMNS));
          return 0;
        }
        const assets = await client.listAssets(plural, { includeArchived });
        const list: (EnvironmentRow | DatastoreRow)[] =
          kind === 'environment' ? await withCuratedEnvironments(client, assets) : kind === 'datastore' ? await withBuiltinDatastores(client, assets) : assets;
        io.out(
          render(output, list, list, [
            { header: 'Name', value: (a) => a.name },
            { header: 'Latest', value: (a) => a.latest_version },
            { header: 'Versions', value: (a) => String(a.version_count) },
            { header: 'Created', value: (a) => shortTime(a.created_at) },
            ...(kind === 'environment' || kind === 'datastore' ? [{ header: 'Description', value: (a: EnvironmentRow | DatastoreRow) => a.description ?? '' }] : []),
          ]),
        );
        return 0;
      },
    },
    {
      name: `${kind} show`,
      summary: `Show a ${kind} version (default: latest), where it came from and what used it`,
      options: {
        ...COMMON_OPTIONS,
        name: { type: 'string', short: 'n', description: `the ${kind} name` },
        version: { type: 'string', short: 'v', description: 'the version (default: the latest)' },
        label: { type: 'string', short: 'l', description: 'latest (the only label)' },
      },
      positional: '<name>',
      usage: `lathe ${kind} show --name N [--version V | --label latest] [-o table|json|yaml|tsv]`,
      async run(values, positionals, io) {
        const client = io.client();
        const get = (name: string, version?: string) => (version ? client.getAsset(plural, name, version) : client.getLatestAsset(plural, name));
        const fallback = (name: string, version?: string) =>
          kind === 'environment'
            ? environmentOrCurated(client, name, () => get(name, version))
            : kind === 'datastore' && version === undefined
              ? builtinOrDatastore(client, name, () => get(name))
              : get(name, version);
        const asset = await getVersion(values, positionals, fallback);
        const output = parseOutput(values);
        if ('builtin' in asset) {
          io.out(render(output, asset, [asset], VERSION_COLUMNS));
          if (isTable(output)) io.out(`\n${String(asset.spec.description)}\nUse as: azureml://datastores/${asset.name}/paths/<path>\n`);
          return 0;
        }
        if ('curated' in asset) {
          io.out(render(output, asset, [asset], VERSION_COLUMNS));
          if (isTable(output)) io.out(`\n${curatedText(asset as CuratedEnvironmentResource)}`);
          return 0;
        }
        const lineage = await client.assetLineage(plural, asset.name, asset.version);
        // One hop further back: what the producing jobs read (the data a model was trained on).
        const producers = [...new Set(lineage.filter((e) => e.direction === 'output').map((e) => e.job))];
        const upstream = (await Promise.all(producers.map((job) => client.jobLineage(job)))).flat().filter((e) => e.direction === 'input');
        io.out(render(output, { ...asset, lineage, upstream }, [asset], VERSION_COLUMNS));
        if (isTable(output)) io.out(`\n${lineageText(asset, lineage, upstream)}`);
        return 0;
      },
    },
    ...(['archive', 'restore'] as const).map((action): Command => ({
      name: `${kind} ${action}`,
      summary: action === 'archive' ? `Hide a ${kind} version (or all versions) from lists and @latest; nothing is deleted` : `Undo ${kind} archive`,
      options: { ...COMMON_OPTIONS, name: { type: 'string', short: 'n', description: `the ${kind} name` }, version: { type: 'string', short: 'v', description: 'one version (default: all of them)' } },
      positional: '<name>',
      usage: `lathe ${kind} ${action} --name N [--version V]`,
      async run(values, positionals, io) {
        const name = nameOf(values, positionals);
        const version = values.version as string | undefined;
        await io.client().setAssetArchived(plural, name, version, action === 'archive');
        io.out(`${action === 'archive' ? 'Archived' : 'Restored'} ${kind} ${name}${version ? `:${version}` : ' (all versions)'}\n`);
        return 0;
      },
    })),
  ];
  if (kind === 'data' || kind === 'model') {
    commands.push({
      name: `${kind} download`,
      summary: `Download a ${kind} version's files`,
      options: {
        ...COMMON_OPTIONS,
        name: { type: 'string', short: 'n', description: `the ${kind} name` },
        version: { type: 'string', short: 'v', description: 'the version (default: the latest)' },
        label: { type: 'string', short: 'l', description: 'latest (the only label)' },
        'download-path': { type: 'string', short: 'p', description: 'folder to download into (default: .)' },
      },
      positional: '<name>',
      usage: `lathe ${kind} download --name N [--version V | --label latest] [--download-path ./out]  (files go to <download-path>/<name>/)`,
      async run(values, positionals, io) {
        const client = io.client();
        const asset = await getVersion(values, positionals, (name, version) => (version ? client.getAsset(plural, name, version) : client.getLatestAsset(plural, name)));
        const target = resolve((values['download-path'] as string | undefined) ?? '.', asset.name);
        const { downloadAsset } = await import('@lathe/sdk');
        const files = await downloadAsset(client, asset, target);
        io.out(`Downloaded ${kind} ${asset.name}:${asset.version} (${files.length} file${files.length === 1 ? '' : 's'}) to ${target}\n`);
        return 0;
      },
    });
  }
  return commands;
}

const VERSION_COLUMNS = [
  { header: 'Name', value: (a: AssetResource) => a.name },
  { header: 'Version', value: (a: AssetResource) => a.version },
  { header: 'Type', value: (a: AssetResource) => String(a.spec.type ?? '') },
  { header: 'Created', value: (a: AssetResource) => shortTime(a.created_at) },
  { header: 'Archived', value: (a: AssetResource) => (a.archived ? 'yes' : '') },
  { header: 'Description', value: (a: AssetResource) => String(a.spec.description ?? '') },
];

function nameOf(values: OptionValues, positionals: string[]): string {
  const name = (values.name as string | undefined) ?? positionals[0];
  if (!name) throw new UsageError('a name is required: --name <name>');
  return name;
}

async function getVersion(values: OptionValues, positionals: string[], get: (name: string, version?: string) => Promise<AssetResource>): Promise<AssetResource> {
  const name = nameOf(values, positionals);
  const label = values.label as string | undefined;
  if (label !== undefined && label !== 'latest') throw new UsageError(`unknown label '${label}': only latest`);
  return get(name, values.version as string | undefined);
}

/**
 * Where a version came from (the job that produced it, and what that job read) and which jobs
 * consumed it.
 */
export function lineageText(asset: AssetResource, lineage: LineageEdgeResource[], upstream: LineageEdgeResource[] = []): string {
  const lines: string[] = [];
  const path = typeof asset.spec.source_path === 'string' ? asset.spec.source_path : asset.spec.path;
  if (path !== undefined) lines.push(`Path: ${String(path)}`);
  const produced = lineage.filter((e) => e.direction === 'output');
  const consumed = lineage.filter((e) => e.direction === 'input');
  if (produced.length > 0) {
    lines.push(
      `Produced by:\n${table(produced, [
        { header: 'Job', value: (e) => e.job },
        { header: 'Output', value: (e) => e.port },
      ])}`.trimEnd(),
    );
  }
  if (upstream.length > 0) {
    lines.push(
      `From inputs:\n${table(upstream, [
        { header: 'Job', value: (e) => e.job },
        { header: 'Input', value: (e) => e.port },
        { header: 'Asset', value: (e) => `${e.kind} ${e.name}:${e.version}` },
      ])}`.trimEnd(),
    );
  }
  lines.push(
    consumed.length === 0
      ? 'Used by: no job yet'
      : `Used by:\n${table(consumed, [
          { header: 'Job', value: (e) => e.job },
          { header: 'Input', value: (e) => e.port },
        ])}`.trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
