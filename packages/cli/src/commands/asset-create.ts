import { dirname, resolve } from 'node:path';
import type { AssetKindName } from '@lathe/api';
import type { Command } from '../command.js';
import { COMMON_OPTIONS, UsageError } from '../command.js';
import { isTable, parseOutput, render } from '../output.js';
import { uploadProgressOption } from '../upload-progress.js';

/**
 * `lathe <kind> create --file F` (and, as `az ml data create` allows, `--name`, `--version`,
 * `--path`, `--type` without a file or overriding it). Validates before uploading anything.
 */
export function assetCreate(kind: AssetKindName): Command {
  const pathKinds = kind === 'data' || kind === 'model';
  return {
    name: `${kind} create`,
    summary: `Create a ${kind} version from YAML${pathKinds ? ' or --path' : ''} (local files are uploaded)`,
    options: {
      ...COMMON_OPTIONS,
      file: { type: 'string', short: 'f', description: `the ${kind} YAML (Azure ML v2)` },
      name: { type: 'string', short: 'n', description: "the name (overrides the file's)" },
      version: { type: 'string', short: 'v', description: "the version (overrides the file's; default: the next number)" },
      set: { type: 'string', multiple: true, description: 'override fields, values read as YAML: --set description=x tags.team=ml' },
      ...(pathKinds
        ? {
            path: { type: 'string', short: 'p', description: 'a local file or folder (uploaded) or an azureml:// URI' },
            type: { type: 'string', short: 't', description: kind === 'data' ? 'uri_file, uri_folder or mltable' : 'custom_model, mlflow_model or triton_model' },
            description: { type: 'string', short: 'd', description: 'a description' },
          }
        : {}),
    },
    usage: pathKinds
      ? `lathe ${kind} create --file ${kind}.yml [--name N] [--version V] [--set k=v]…  |  lathe ${kind} create --name N --path ./local-or-azureml-uri [--type T] [--version V]`
      : `lathe ${kind} create --file ${kind}.yml [--name N] [--version V] [--set k=v]…`,
    async run(values, _positionals, io) {
      // Loaded on use: validating specs pulls in the schema library, which other commands never need.
      const [{ registerAsset }, { loadAssetFile, validateAsset }] = await Promise.all([import('@lathe/sdk'), import('@lathe/spec')]);
      const file = values.file as string | undefined;
      const overrides: Record<string, unknown> = {};
      for (const field of ['name', 'version', 'path', 'type', 'description'] as const) {
        if (typeof values[field] === 'string') overrides[field] = values[field];
      }
      let spec: Record<string, unknown>;
      let baseDir: string;
      let source: string;
      let warnings: string[] = [];
      if (file !== undefined) {
        const loaded = await loadAssetFile(kind, file, (values.set as string[] | undefined) ?? []);
        spec = { ...loaded.spec, ...overrides };
        if (Object.keys(overrides).length > 0) spec = validateAsset(kind, spec, file).spec;
        warnings = loaded.warnings;
        baseDir = dirname(resolve(file));
        source = file;
      } else {
        if (!pathKinds || overrides.path === undefined) throw new UsageError(`--file is required${pathKinds ? ' (or --name and --path)' : ''}`);
        spec = validateAsset(kind, overrides, '--options').spec;
        baseDir = process.cwd();
        source = '--path';
      }
      for (const warning of warnings) io.err(`Warning: ${warning}\n`);
      const { asset, created } = await registerAsset(io.client(), kind, spec, { baseDir, file: source, onWarning: (w) => io.err(`Warning: ${w}\n`), ...uploadProgressOption() });
      const output = parseOutput(values);
      if (isTable(output)) io.out(`${created ? 'Created' : 'Already there, unchanged:'} ${kind} ${asset.name}:${asset.version}\n`);
      else io.out(render(output, asset, [asset], []));
      return 0;
    },
  };
}
