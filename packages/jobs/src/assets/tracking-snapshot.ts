import { LatheError } from '@lathe/core';
import type { LoggedModel } from '@lathe/store';
import type { JobsContext } from '../jobs-context.js';
import { safeRelativePath } from './safe-relative-path.js';
import { TrackingArtifacts } from './tracking-artifacts.js';

/** Tracking content found for a path: where it lies, and the job that produced it, if any. */
export interface TrackingContent {
  /** A path in the workspace's tracking artifacts, or a stored snapshot (`blob`). */
  at: { trackingPath: string } | { blob: string };
  produced?: { job: string; port: string };
  /** Whether it holds an `MLmodel` file (an MLflow model). */
  mlflowModel: boolean;
}

/**
 * Finds the MLflow tracking content a path names, or `undefined` when it is not a tracking path:
 * `runs:/<run>/<p>` (a run's artifacts, or, as MLflow 3 logs them, the run's logged model named
 * `<p>`), `mlflow-artifacts:/<p>`, `models:/m-<id>` (a logged model) and `models:/<name>/<version>`
 * or `models:/<name>@<alias>` (a registered version). A job's run names the job as producer.
 */
export async function findTrackingContent(ctx: JobsContext, workspace: string, path: string, field: string): Promise<TrackingContent | undefined> {
  if (path.startsWith('mlflow-artifacts:')) return proxyContent(ctx, workspace, proxyPathOf(path, field));
  if (path.startsWith('models:/m-')) return loggedModelContent(ctx, workspace, await ctx.tracking.getLoggedModel(workspace, path.slice('models:/'.length).replace(/\/+$/, '')), field);
  if (path.startsWith('models:/')) return registeredContent(ctx, workspace, path, field);
  const run = /^runs:\/([^/]+)\/?(.*)$/.exec(path);
  if (run !== null) return runContent(ctx, workspace, run[1] as string, safeSub(run[2] as string, path, field), field);
  return undefined;
}

async function runContent(ctx: JobsContext, workspace: string, run: string, sub: string, field: string): Promise<TrackingContent> {
  const info = await ctx.tracking.getRunInfo(workspace, run);
  const root = TrackingArtifacts.proxyPath(info.artifactUri, sub);
  if (root === undefined) throw new LatheError('LATHE_INVALID_SPEC', `${field}: run ${run} keeps its artifacts elsewhere (${info.artifactUri})`, { details: { field } });
  const produced = info.job !== null ? { job: info.job, port: `runs:/${sub}` } : undefined;
  if ((await ctx.artifacts.statTrackingPath(workspace, root)) !== undefined || sub === '') {
    return { at: { trackingPath: root }, mlflowModel: await hasMlmodel(ctx, workspace, root), ...(produced ? { produced } : {}) };
  }
  // MLflow 3 logs a model beside the run, as a logged model named after the artifact path.
  const model = await loggedModelOfRun(ctx, workspace, info.experimentId, run, sub);
  if (model === undefined) throw new LatheError('LATHE_NOT_FOUND', `${field}: run ${run} has no artifacts at '${sub}' and no logged model named '${sub}'`, { details: { field } });
  return loggedModelContent(ctx, workspace, model, field);
}

async function loggedModelContent(ctx: JobsContext, workspace: string, model: LoggedModel, field: string): Promise<TrackingContent> {
  const root = TrackingArtifacts.proxyPath(model.artifactLocation);
  if (root === undefined) throw new LatheError('LATHE_INVALID_SPEC', `${field}: logged model ${model.modelId} keeps its artifacts elsewhere (${model.artifactLocation})`, { details: { field } });
  const job = model.sourceRunId === null ? null : ((await ctx.tracking.getRunInfo(workspace, model.sourceRunId).catch(() => undefined))?.job ?? null);
  const content: TrackingContent = { at: { trackingPath: root }, mlflowModel: await hasMlmodel(ctx, workspace, root) };
  return job !== null ? { ...content, produced: { job, port: `models:/${model.modelId}` } } : content;
}

async function registeredContent(ctx: JobsContext, workspace: string, path: string, field: string): Promise<TrackingContent> {
  const match = /^models:\/([^/@]+)(?:\/([^/]+)|@([^/]+))\/?$/.exec(path);
  if (match === null) throw new LatheError('LATHE_INVALID_SPEC', `${field}: '${path}' is not models:/<name>/<version>, models:/<name>@<alias> or models:/m-<id>`, { details: { field } });
  const [, name = '', version, alias] = match;
  const found = await ctx.modelRegistry.getModelVersion(workspace, name, version !== undefined ? { version } : { alias: alias as string });
  const blob = String(found.asset.spec.path);
  return { at: { blob }, mlflowModel: found.asset.spec.type === 'mlflow_model' };
}

async function proxyContent(ctx: JobsContext, workspace: string, path: string): Promise<TrackingContent> {
  const parts = path.split('/');
  // `<experiment>/<run>/artifacts/…` is a run's: its job, if any, produced it.
  const info = parts.length >= 3 && parts[2] === 'artifacts' ? await ctx.tracking.getRunInfo(workspace, parts[1] as string).catch(() => undefined) : undefined;
  const ownRun = info !== undefined && TrackingArtifacts.proxyPath(info.artifactUri) === parts.slice(0, 3).join('/');
  const content: TrackingContent = { at: { trackingPath: path }, mlflowModel: await hasMlmodel(ctx, workspace, path) };
  return ownRun && info.job !== null ? { ...content, produced: { job: info.job, port: `runs:/${parts.slice(3).join('/')}` } } : content;
}

async function loggedModelOfRun(ctx: JobsContext, workspace: string, experimentId: string, run: string, name: string): Promise<LoggedModel | undefined> {
  let found: LoggedModel | undefined;
  let pageToken: string | undefined;
  do {
    const page = await ctx.tracking.searchLoggedModels(workspace, { experimentIds: [experimentId], maxResults: 1000, ...(pageToken ? { pageToken } : {}) });
    for (const model of page.items) {
      if (model.sourceRunId === run && model.name === name && (found === undefined || model.creationTimestamp >= found.creationTimestamp)) found = model;
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return found;
}

async function hasMlmodel(ctx: JobsContext, workspace: string, root: string): Promise<boolean> {
  const entry = await ctx.artifacts.statTrackingPath(workspace, root === '' ? 'MLmodel' : `${root}/MLmodel`);
  return entry !== undefined && !entry.isDir;
}

// `mlflow-artifacts:/<p>` or `mlflow-artifacts://<host>/<p>` → `<p>`, refusing relative segments
// however they are encoded, as MLflow's server does.
function proxyPathOf(uri: string, field: string): string {
  const rest = uri.slice('mlflow-artifacts:'.length);
  const path = rest.startsWith('//') ? rest.slice(2).replace(/^[^/]*/, '') : rest;
  return safeSub(path.replace(/^\/+/, ''), uri, field);
}

function safeSub(path: string, source: string, field: string): string {
  let decoded = path;
  for (let i = 0; i < 5 && decoded.includes('%'); i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
  }
  try {
    return safeRelativePath(decoded);
  } catch {
    throw new LatheError('LATHE_INVALID_SPEC', `${field}: Invalid model version source: '${source}'. An absolute path must be provided without relative path references present.`, {
      details: { field },
    });
  }
}
