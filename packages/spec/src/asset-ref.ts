import { ASSET_PLURALS, LatheError, hasUriScheme, parseBlobRef } from '@lathe/core';

/**
 * References to assets and stored content, in every form Azure ML v2 YAML writes them
 * (https://learn.microsoft.com/azure/machine-learning/reference-yaml-core-syntax), plus Lathe's
 * own `blob://` snapshots. Pure: nothing is looked up; resolving a reference is the server's job.
 */

/** Asset collections as they appear in `azureml://` URIs. */
export const ASSET_TYPE_PLURALS = [ASSET_PLURALS.data, ASSET_PLURALS.model, ASSET_PLURALS.environment, ASSET_PLURALS.component] as const;
/** An asset collection in a URI: `models` in `azureml://registries/r/models/m/versions/1`. */
export type AssetTypePlural = (typeof ASSET_TYPE_PLURALS)[number];

/** A version or a label (`latest`) of a named asset; exactly one is set. */
export type AssetSelector = { version: string; label?: undefined } | { label: string; version?: undefined };

/** The workspace a long-form reference names. */
export interface WorkspaceScope {
  workspace: string;
  location?: string;
  subscription?: string;
  resourceGroup?: string;
}

/**
 * An asset of a workspace: `azureml:<name>:<version>`, `azureml:<name>@<label>`, or a long form
 * naming the workspace (`azureml://locations/<l>/workspaces/<w>/<type>/<name>/versions/<v>`,
 * `azureml:/subscriptions/.../workspaces/<w>/<type>/<name>/versions/<v>`).
 */
export type WorkspaceAssetRef = {
  kind: 'asset';
  name: string;
  /** Set by the long forms, which name the collection. */
  type?: AssetTypePlural;
  /** Set by the long forms, which name the workspace. */
  scope?: WorkspaceScope;
} & AssetSelector;

/** An asset of a registry: `azureml://registries/<r>/<type>/<name>/versions/<v>` or `/labels/<l>`. */
export type RegistryAssetRef = { kind: 'registry'; registry: string; type: AssetTypePlural; name: string } & AssetSelector;

/** A file or folder on a datastore: `azureml://datastores/<ds>/paths/<path>` (path `''` is the root). */
export interface DatastorePathRef {
  kind: 'datastore';
  datastore: string;
  path: string;
  scope?: WorkspaceScope;
}

/** What a job wrote: `azureml://jobs/<job>/outputs/<output>/paths/<path>`; output `artifacts` is the run's artifacts. */
export interface JobOutputRef {
  kind: 'job-output';
  job: string;
  output: string;
  path: string;
}

/** An MLflow run's artifacts: `runs:/<run>/<path>`. */
export interface RunArtifactRef {
  kind: 'run';
  run: string;
  path: string;
}

/** Content uploaded to Lathe: `blob://<sha256>` or `blob://<sha256>/<file>`. */
export interface BlobContentRef {
  kind: 'blob';
  sha256: string;
  file?: string;
}

/** A path on the client's machine, relative to the YAML file or absolute. */
export interface LocalPathRef {
  kind: 'local';
  path: string;
}

/** A web or Azure storage URL: `https://...`, `wasbs://...`, `abfss://...`, `adl://...`. */
export interface UrlRef {
  kind: 'url';
  /** Lower case, without `:`. */
  scheme: string;
  url: string;
}

/** Every form of reference, told apart by `kind`. */
export type AssetRef = WorkspaceAssetRef | RegistryAssetRef | DatastorePathRef | JobOutputRef | RunArtifactRef | BlobContentRef | LocalPathRef | UrlRef;

/** The `kind` of an {@link AssetRef}. */
export type AssetRefKind = AssetRef['kind'];

/** Options for {@link parseAssetRef}. */
export interface ParseAssetRefOptions {
  /** Read `azureml:<name>` (no version) as `azureml:<name>@latest` instead of refusing it. */
  allowImplicitLatest?: boolean;
}

/** The outcome of {@link readAssetRef}: the reference, or why the text is not one. */
export type AssetRefResult = { ok: true; ref: AssetRef } | { ok: false; reason: string };

/** How each kind is written, for messages. */
export const ASSET_REF_FORMS: Readonly<Record<AssetRefKind, readonly string[]>> = {
  asset: ['azureml:<name>:<version>', 'azureml:<name>@latest'],
  registry: ['azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>)'],
  datastore: ['azureml://datastores/<datastore>/paths/<path>'],
  'job-output': ['azureml://jobs/<job>/outputs/<output>/paths/<path>'],
  run: ['runs:/<run>/<path>'],
  blob: ['blob://<sha256>'],
  local: ['a local path'],
  url: ['an http(s) or Azure storage URL'],
};

/** `a, b or c`. */
export function listForms(forms: readonly string[]): string {
  return forms.length <= 1 ? (forms[0] ?? 'nothing') : `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`;
}

/** Schemes read as URLs. `http(s)` is reachable; the Azure storage ones are recorded only. */
export const URL_SCHEMES = ['http', 'https', 'wasb', 'wasbs', 'abfs', 'abfss', 'adl'] as const;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
const NAME_RULE = 'letters, digits, _, - and ., starting with a letter or digit, at most 255 characters';
const SHORT_FORMS = 'azureml:<name>:<version> or azureml:<name>@<label>';
const LOCATION_FORM = 'azureml://locations/<location>/workspaces/<workspace>/<type>/<name>/versions/<version>';
const SUBSCRIPTION_FORM = 'azureml://subscriptions/<subscription>/resourcegroups/<group>/workspaces/<workspace>/datastores/<datastore>/paths/<path>';
const ARM_FORM = 'azureml:/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<workspace>/<type>/<name>/versions/<version>';

/**
 * Parses a reference. Throws `LATHE_INVALID_SPEC` for a malformed one, saying which forms are
 * accepted (`details.expected` lists them all).
 *
 * @example
 * parseAssetRef('azureml:iris:3'); // { kind: 'asset', name: 'iris', version: '3' }
 * parseAssetRef('azureml://datastores/workspaceblobstore/paths/data/iris.csv');
 * // { kind: 'datastore', datastore: 'workspaceblobstore', path: 'data/iris.csv' }
 */
export function parseAssetRef(text: string, options: ParseAssetRefOptions = {}): AssetRef {
  const result = readAssetRef(text, options);
  if (result.ok) return result.ref;
  throw new LatheError('LATHE_INVALID_SPEC', `invalid reference: ${result.reason}`, {
    details: { reference: text, reason: result.reason, expected: Object.values(ASSET_REF_FORMS).flat() },
  });
}

/** Like {@link parseAssetRef}, but returns the reason instead of throwing. */
export function readAssetRef(text: string, options: ParseAssetRefOptions = {}): AssetRefResult {
  if (text.trim() === '') return fail('a reference must not be empty');
  if (text.startsWith('azureml://')) return readAzuremlUri(text);
  if (text.startsWith('azureml:/')) return readArmId(text);
  if (text.startsWith('azureml:')) return readShortAsset(text, options);
  if (text.startsWith('runs:')) return readRun(text);
  if (text.startsWith('blob:')) return readBlob(text);
  if (hasUriScheme(text)) return readUrl(text);
  return ok({ kind: 'local', path: text });
}

function ok(ref: AssetRef): AssetRefResult {
  return { ok: true, ref };
}

function fail(reason: string): AssetRefResult {
  return { ok: false, reason };
}

function badName(what: string, name: string): string | undefined {
  return NAME.test(name) ? undefined : `${what} '${name}' is not valid: expected ${NAME_RULE}`;
}

function readShortAsset(text: string, options: ParseAssetRefOptions): AssetRefResult {
  const match = /^azureml:([^:@/]*)(?::([^:@/]*)|@([^:@/]*))?$/.exec(text);
  if (!match) return fail(`'${text}' is not a valid asset reference: expected ${SHORT_FORMS}, or an azureml:// URI`);
  const [, name = '', version, label] = match;
  if (name === '') return fail(`'${text}' names no asset: expected ${SHORT_FORMS}`);
  const problem = badName('asset name', name) ?? (version !== undefined ? badName('version', version) : undefined) ?? (label !== undefined ? badName('label', label) : undefined);
  if (problem) return fail(`'${text}': ${problem}`);
  if (label !== undefined) return ok({ kind: 'asset', name, label });
  if (version !== undefined) return ok({ kind: 'asset', name, version });
  if (options.allowImplicitLatest) return ok({ kind: 'asset', name, label: 'latest' });
  return fail(`'${text}' names no version: expected azureml:${name}:<version> or azureml:${name}@latest`);
}

// `azureml://<collection>/...`: the first segment says which form it is.
function readAzuremlUri(text: string): AssetRefResult {
  const segments = text.slice('azureml://'.length).split('/');
  switch (segments[0]) {
    case 'datastores':
      return readDatastorePath(text, segments.slice(1));
    case 'jobs':
      return readJobOutput(text, segments.slice(1));
    case 'registries':
      return readRegistryAsset(text, segments.slice(1));
    case 'locations':
      return readLocationAsset(text, segments.slice(1));
    case 'subscriptions':
      return readSubscriptionUri(text, segments.slice(1));
    default:
      return fail(`'${text}' is not a known azureml:// form: expected ` + listForms([...ASSET_REF_FORMS.datastore, ...ASSET_REF_FORMS['job-output'], ...ASSET_REF_FORMS.registry, LOCATION_FORM]));
  }
}

// `<path...>` after `paths`: '' for the root; `..` would leave the datastore or output.
function subPath(text: string, rest: string[]): { path: string } | { reason: string } {
  const path = rest.join('/');
  if (rest.some((s) => s === '..')) return { reason: `'${text}': the path must not contain '..'` };
  return { path };
}

function readDatastorePath(text: string, [datastore = '', paths, ...rest]: string[], scope?: WorkspaceScope): AssetRefResult {
  if (datastore === '' || paths !== 'paths') return fail(`'${text}' is not a datastore path: expected ${listForms(ASSET_REF_FORMS.datastore)}`);
  const problem = badName('datastore name', datastore);
  if (problem) return fail(`'${text}': ${problem}`);
  const path = subPath(text, rest);
  if ('reason' in path) return fail(path.reason);
  return ok(scope ? { kind: 'datastore', datastore, path: path.path, scope } : { kind: 'datastore', datastore, path: path.path });
}

function readJobOutput(text: string, [job = '', outputs, output = '', paths, ...rest]: string[]): AssetRefResult {
  const shaped = job !== '' && outputs === 'outputs' && output !== '' && (paths === undefined || paths === 'paths');
  if (!shaped) return fail(`'${text}' is not a job output: expected ${listForms(ASSET_REF_FORMS['job-output'])}`);
  const problem = badName('job name', job) ?? badName('output name', output);
  if (problem) return fail(`'${text}': ${problem}`);
  const path = subPath(text, rest);
  if ('reason' in path) return fail(path.reason);
  return ok({ kind: 'job-output', job, output, path: path.path });
}

// `<type>/<name>/versions/<v>` or `<type>/<name>/labels/<l>`, shared by registries and workspaces.
function readVersioned(text: string, segments: string[], expected: string): ({ type: AssetTypePlural; name: string } & AssetSelector) | string {
  const [type = '', name = '', by, value = '', ...extra] = segments;
  if (!(ASSET_TYPE_PLURALS as readonly string[]).includes(type)) {
    return `'${text}': '${type}' is not an asset type: expected one of ${ASSET_TYPE_PLURALS.join(', ')} in ${expected}`;
  }
  if (name === '' || value === '' || extra.length > 0 || (by !== 'versions' && by !== 'labels')) return `'${text}' is not valid: expected ${expected}`;
  const problem = badName('asset name', name) ?? badName(by === 'versions' ? 'version' : 'label', value);
  if (problem) return `'${text}': ${problem}`;
  const asset = { type: type as AssetTypePlural, name };
  return by === 'versions' ? { ...asset, version: value } : { ...asset, label: value };
}

function readRegistryAsset(text: string, [registry = '', ...rest]: string[]): AssetRefResult {
  if (registry === '') return fail(`'${text}' names no registry: expected ${listForms(ASSET_REF_FORMS.registry)}`);
  const problem = badName('registry name', registry);
  if (problem) return fail(`'${text}': ${problem}`);
  const asset = readVersioned(text, rest, listForms(ASSET_REF_FORMS.registry));
  return typeof asset === 'string' ? fail(asset) : ok({ kind: 'registry', registry, ...asset });
}

function readLocationAsset(text: string, [location = '', workspaces, workspace = '', ...rest]: string[]): AssetRefResult {
  if (location === '' || workspaces !== 'workspaces' || workspace === '') return fail(`'${text}' is not valid: expected ${LOCATION_FORM}`);
  const asset = readVersioned(text, rest, LOCATION_FORM);
  return typeof asset === 'string' ? fail(asset) : ok({ kind: 'asset', ...asset, scope: { workspace, location } });
}

// The long datastore form Azure prints for a datastore path.
function readSubscriptionUri(text: string, [subscription = '', groups = '', group = '', workspaces, workspace = '', ...rest]: string[]): AssetRefResult {
  const shaped = subscription !== '' && groups.toLowerCase() === 'resourcegroups' && group !== '' && workspaces === 'workspaces' && workspace !== '';
  if (!shaped || rest[0] !== 'datastores') return fail(`'${text}' is not valid: expected ${SUBSCRIPTION_FORM}`);
  return readDatastorePath(text, rest.slice(1), { workspace, subscription, resourceGroup: group });
}

// The ARM resource id of a workspace asset, `azureml:` in front.
function readArmId(text: string): AssetRefResult {
  const [empty, subs, subscription = '', groups = '', group = '', providers, provider = '', workspaces, workspace = '', ...rest] = text.slice('azureml:'.length).split('/');
  const shaped =
    empty === '' &&
    subs?.toLowerCase() === 'subscriptions' &&
    subscription !== '' &&
    groups.toLowerCase() === 'resourcegroups' &&
    group !== '' &&
    providers?.toLowerCase() === 'providers' &&
    provider.toLowerCase() === 'microsoft.machinelearningservices' &&
    workspaces?.toLowerCase() === 'workspaces' &&
    workspace !== '';
  if (!shaped) return fail(`'${text}' is not a valid resource id: expected ${ARM_FORM}`);
  const asset = readVersioned(text, rest, ARM_FORM);
  return typeof asset === 'string' ? fail(asset) : ok({ kind: 'asset', ...asset, scope: { workspace, subscription, resourceGroup: group } });
}

function readRun(text: string): AssetRefResult {
  const match = /^runs:\/([^/]+)(?:\/(.*))?$/.exec(text);
  if (!match) return fail(`'${text}' is not a run reference: expected ${listForms(ASSET_REF_FORMS.run)}`);
  const [, run = '', rest = ''] = match;
  const path = subPath(text, rest === '' ? [] : rest.split('/'));
  if ('reason' in path) return fail(path.reason);
  return ok({ kind: 'run', run, path: path.path });
}

function readBlob(text: string): AssetRefResult {
  const blob = parseBlobRef(text);
  if (!blob) return fail(`'${text}' is not a valid snapshot reference: expected blob://<sha256> or blob://<sha256>/<file name>`);
  return ok({ kind: 'blob', ...blob });
}

function readUrl(text: string): AssetRefResult {
  const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
  if (!(URL_SCHEMES as readonly string[]).includes(scheme)) {
    return fail(`'${text}': the URI scheme '${scheme}:' is not supported: expected a local path, ${URL_SCHEMES.map((s) => `${s}://`).join(', ')} or azureml:`);
  }
  let host = '';
  try {
    host = new URL(text).host;
  } catch {
    host = '';
  }
  if (host === '') return fail(`'${text}' is not a valid URL: expected ${scheme}://<host>/<path>`);
  return ok({ kind: 'url', scheme, url: text });
}
