import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { parseExperimentFilter, parseExperimentOrderBy, validateExperimentName, validateExperimentTag } from '@lathe/tracking';
import type { ViewType } from '@lathe/store';
import { experimentJson } from './mlflow-json.js';
import type { RequestFields } from './request-fields.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';

const EXPERIMENTS_MAX_RESULTS = 50000;

/** experiments/*: create, get, get-by-name, search, update, delete, restore, tags. */
export async function experimentRoutes(app: FastifyInstance, scope: TrackingScope): Promise<void> {
  const { tracking } = scope;

  app.post('/experiments/create', async (request) => {
    const f = fieldsOf(request);
    const name = f.strictString('name');
    validateExperimentName(name);
    const tags = f.keyValues('tags').map((entry) => validateExperimentTag(entry));
    const artifactLocation = f.optionalString('artifact_location');
    const experiment = await tracking.createExperiment(scope.workspaceOf(request), {
      name,
      ...(artifactLocation ? { artifactLocation } : {}),
      tags,
      at: scope.now(),
    });
    return { experiment_id: experiment.experimentId };
  });

  app.get('/experiments/get', async (request) => {
    const f = fieldsOf(request);
    return { experiment: experimentJson(await tracking.getExperiment(scope.workspaceOf(request), f.string('experiment_id'))) };
  });

  app.get('/experiments/get-by-name', async (request) => {
    const name = fieldsOf(request).string('experiment_name');
    const experiment = await tracking.findExperimentByName(scope.workspaceOf(request), name);
    if (experiment === undefined) {
      throw new LatheError('LATHE_NOT_FOUND', `Could not find experiment with name '${name}'`, { details: { kind: 'experiment', name } });
    }
    return { experiment: experimentJson(experiment) };
  });

  const search = async (request: FastifyRequest) => {
    const f = fieldsOf(request);
    const page = await tracking.searchExperiments(scope.workspaceOf(request), {
      filter: parseExperimentFilter(f.optionalString('filter')),
      orderBy: parseExperimentOrderBy(f.strings('order_by')),
      viewType: viewType(f, 'view_type'),
      maxResults: maxResults(f, 1000, EXPERIMENTS_MAX_RESULTS),
      ...pageToken(f),
    });
    return { experiments: page.items.map(experimentJson), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  };
  app.post('/experiments/search', search);
  app.get('/experiments/search', search);

  app.post('/experiments/update', async (request) => {
    const f = fieldsOf(request);
    const newName = f.optionalString('new_name');
    const id = f.string('experiment_id');
    if (newName === undefined || newName === '') return {};
    validateExperimentName(newName);
    await tracking.renameExperiment(scope.workspaceOf(request), id, newName, scope.now());
    return {};
  });

  app.post('/experiments/delete', async (request) => {
    const f = fieldsOf(request);
    await tracking.setExperimentLifecycle(scope.workspaceOf(request), f.string('experiment_id'), 'deleted', scope.now());
    return {};
  });

  app.post('/experiments/restore', async (request) => {
    const f = fieldsOf(request);
    await tracking.setExperimentLifecycle(scope.workspaceOf(request), f.string('experiment_id'), 'active', scope.now());
    return {};
  });

  app.post('/experiments/set-experiment-tag', async (request) => {
    const f = fieldsOf(request);
    const tag = validateExperimentTag({ key: f.string('key'), value: f.optionalString('value') ?? '' });
    await tracking.setExperimentTag(scope.workspaceOf(request), f.string('experiment_id'), tag, scope.now());
    return {};
  });

  app.post('/experiments/delete-experiment-tag', async (request) => {
    const f = fieldsOf(request);
    await tracking.deleteExperimentTag(scope.workspaceOf(request), f.string('experiment_id'), f.string('key'), scope.now());
    return {};
  });
}

/** `view_type` / `run_view_type`: the enum's name or number; default ACTIVE_ONLY. */
export function viewType(f: RequestFields, name: string): ViewType {
  const value = f.optionalString(name);
  if (value === undefined || value === '') return 'ACTIVE_ONLY';
  const byNumber: Record<string, ViewType> = { '1': 'ACTIVE_ONLY', '2': 'DELETED_ONLY', '3': 'ALL' };
  const upper = value.toUpperCase();
  if (upper === 'ACTIVE_ONLY' || upper === 'DELETED_ONLY' || upper === 'ALL') return upper;
  const mapped = byNumber[value];
  if (mapped !== undefined) return mapped;
  throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected ACTIVE_ONLY, DELETED_ONLY or ALL.`);
}

/** `max_results` in [1, max], with MLflow's message above the limit. */
export function maxResults(f: RequestFields, fallback: number, max: number): number {
  const value = f.optionalInteger('max_results') ?? fallback;
  if (value < 1 || value > max) {
    throw new LatheError('LATHE_BAD_REQUEST', `Invalid value ${value} for parameter 'max_results' supplied. It must be at most ${max}, and at least 1.`, { details: { field: 'max_results' } });
  }
  return value;
}

/** `page_token`, when given and not empty. */
export function pageToken(f: RequestFields): { pageToken?: string } {
  const token = f.optionalString('page_token');
  return token ? { pageToken: token } : {};
}
