import { badRequest } from '../bad-request.js';
import { pyList } from '../python-format.js';
import { MAX_BATCH_LOG_REQUEST_SIZE, MAX_ENTITIES_PER_BATCH, MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH } from './limits.js';
import { invalidValue } from './messages.js';
import { validateMetric, type Metric, type MetricInput } from './validate-metric.js';
import { validateParam, type KeyValueInput, type Param, type ValueLengthOptions } from './validate-param.js';
import { validateTag, type Tag } from './validate-tag.js';

/** How many of each a log-batch request holds: counts, or the arrays themselves. */
export interface BatchSizes {
  metrics?: number | readonly unknown[];
  params?: number | readonly unknown[];
  tags?: number | readonly unknown[];
}

/** A log-batch request body, before checking. */
export interface LogBatchInput {
  metrics?: unknown;
  params?: unknown;
  tags?: unknown;
}

/** A checked log-batch request. */
export interface LogBatch {
  metrics: Metric[];
  params: Param[];
  tags: Tag[];
}

/**
 * Throws MLflow's message when a batch holds more than 1000 metrics, 100 params, 100 tags, or
 * 1000 of them together, e.g. "A batch logging request can contain at most 1000 metrics. Got
 * 1001 metrics. Please split up metrics across multiple requests and try again."
 */
export function validateBatchLimits(sizes: BatchSizes): void {
  const metrics = count(sizes.metrics);
  const params = count(sizes.params);
  const tags = count(sizes.tags);
  checkLimit('metrics', MAX_METRICS_PER_BATCH, metrics);
  checkLimit('params', MAX_PARAMS_TAGS_PER_BATCH, params);
  checkLimit('tags', MAX_PARAMS_TAGS_PER_BATCH, tags);
  checkLimit('metrics, params, and tags', MAX_ENTITIES_PER_BATCH, metrics + params + tags);
}

/** Throws MLflow's message when a log-batch request body is over 1 MB (`bytes` long). */
export function validateBatchRequestSize(bytes: number): void {
  if (bytes > MAX_BATCH_LOG_REQUEST_SIZE) {
    throw badRequest(`Batched logging API requests must be at most ${MAX_BATCH_LOG_REQUEST_SIZE} bytes, got a request of size ${bytes}.`);
  }
}

/** Throws MLflow's message when two params of one batch share a key. */
export function validateParamKeysUnique(params: readonly { key: string }[]): void {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const { key } of params) {
    if (seen.has(key)) dupes.push(key);
    seen.add(key);
  }
  if (dupes.length > 0) {
    throw badRequest(`Duplicate parameter keys have been submitted: ${pyList(dupes)}. Please ensure the request contains only one param value per param key.`);
  }
}

/**
 * Checks a whole log-batch body: the limits first (cheap, and it spares checking 100 000 items),
 * then every item with its path (`metrics[2].name`), then that param keys are unique. Missing
 * arrays are empty. Returns what to store, long values cut as `options` says.
 */
export function validateLogBatch(input: LogBatchInput, options: ValueLengthOptions = {}): LogBatch {
  const metrics = array(input.metrics, 'metrics') as MetricInput[];
  const params = array(input.params, 'params') as KeyValueInput[];
  const tags = array(input.tags, 'tags') as KeyValueInput[];
  validateBatchLimits({ metrics, params, tags });
  const batch = {
    metrics: metrics.map((m, i) => validateMetric(item(m, `metrics[${i}]`), `metrics[${i}]`)),
    params: params.map((p, i) => validateParam(item(p, `params[${i}]`), `params[${i}]`, options)),
    tags: tags.map((t, i) => validateTag(item(t, `tags[${i}]`), `tags[${i}]`, options)),
  };
  validateParamKeysUnique(batch.params);
  return batch;
}

function count(size: number | readonly unknown[] | undefined): number {
  return typeof size === 'number' ? size : (size?.length ?? 0);
}

function checkLimit(entity: string, limit: number, length: number): void {
  if (length > limit) {
    throw badRequest(`A batch logging request can contain at most ${limit} ${entity}. Got ${length} ${entity}. Please split up ${entity} across multiple requests and try again.`);
  }
}

function array(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(invalidValue(path, value, 'Expected an array.'));
  return value;
}

function item<T>(value: T, path: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(invalidValue(path, value, 'Expected an object.'));
  return value;
}
