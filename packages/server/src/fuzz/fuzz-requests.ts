import { ASSET_PLURALS } from '@lathe/core';
import type { RouteEntry } from './route-table.js';
import type { SeededRandom } from './seeded-random.js';

/** A request as it goes on the wire; `path` is already percent-encoded where Node requires it. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Real objects the server holds, so that generated requests reach past the not-found checks. */
export interface FuzzState {
  workspace: string;
  jobs: string[];
  experimentId: string;
  runId: string;
  artifactRoot: string;
  blobSha256: string;
  assetName: string;
  loggedModelId: string;
  registeredModel: string;
  /** The jobs' own tokens, sent to runtime routes so that their handlers are reached too. */
  jobTokens: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

// Text that breaks naive code: empty, huge, traversal, encodings, control characters, numbers
// at their limits. Percent signs are left as they are, so some are invalid escapes on purpose.
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  '9007199254740993',
  'true',
  'null',
  '[]',
  '{}',
  '..',
  '../..',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '/etc/passwd',
  '\\\\server\\share',
  'C:\\Windows',
  '.',
  '...',
  '模型.txt',
  'é',
  '😀',
  '\u202e',
  '\ufeff',
  '\u0000',
  'a\u0000b',
  'a\r\nb',
  '\t',
  '\u007f',
  '%00',
  '%0d%0a',
  '%ZZ',
  '%E6%A8',
  "'",
  '"',
  '`',
  '<script>',
  '${{inputs.x}}',
  '$(true)',
  '*',
  '?',
  '#',
  '&',
  '=',
  ';',
  ',',
  '|',
  'ACTIVE_ONLY',
  'Completed',
  'x'.repeat(256),
  '模'.repeat(90),
  'a/'.repeat(100),
  'y'.repeat(5000),
];
const NUMBERS = ['0', '-1', '1', '1000', '1001', '99999999999999999999', 'Infinity', '-Infinity', 'NaN', '1e400', '0x10', '1.5', ' 5', ''];
const QUERY_KEYS = [
  'max_results',
  'offset',
  'page_token',
  'filter',
  'order_by',
  'view_type',
  'status',
  'type',
  'experiment',
  'count',
  'follow',
  'depth',
  'job',
  'kind',
  'name',
  'version',
  'include_archived',
  'columns',
  'run_id',
  'run_uuid',
  'run_ids',
  'metric_key',
  'experiment_id',
  'experiment_ids',
  'experiment_name',
  'path',
  'artifact_directory_path',
  'key',
  'alias',
  'stage',
  'tag',
  'start_step',
  'end_step',
  'max_timestamp_millis',
  'model_id',
  'source',
  'x',
];
const BODY_KEYS = [
  'name',
  'experiment_id',
  'experiment_ids',
  'run_id',
  'run_uuid',
  'key',
  'value',
  'timestamp',
  'step',
  'metrics',
  'params',
  'tags',
  'status',
  'end_time',
  'start_time',
  'max_results',
  'page_token',
  'filter',
  'order_by',
  'run_view_type',
  'artifact_location',
  'new_name',
  'description',
  'version',
  'stage',
  'alias',
  'source',
  'spec',
  'type',
  'path',
  'exitCode',
  'failure',
  'client_warnings',
  'model_id',
  'datasets',
  'inputs',
  'outputs',
  'models',
  'lifecycle_stage',
  'run_name',
  'user_id',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'application/x-tar',
  'application/gzip',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'a/b/c',
  'application/vnd.api+json',
  '*/*',
  'text/html',
];

/**
 * Generates malformed requests for the routes of an app: wrong methods, wrong or missing content
 * types, broken and deeply nested JSON, wrong field types, huge and odd strings, path traversal,
 * repeated and odd query parameters, bodies that are not tar archives. Deterministic for a
 * given random source.
 * @internal
 */
export class FuzzRequests {
  constructor(
    private readonly random: SeededRandom,
    private readonly routes: readonly RouteEntry[],
    private readonly state: FuzzState,
  ) {}

  next(): FuzzRequest {
    const r = this.random;
    const route = r.pick(this.routes);
    const method = r.chance(0.8) ? r.pick(route.methods) : r.pick(METHODS);
    const path = this.fill(route.url) + this.query();
    const headers: Record<string, string> = {};
    // A HEAD answer has no body, so a client cannot tell where it ends if the server answers early.
    const body = method === 'HEAD' ? undefined : method === 'GET' ? (r.chance(0.1) ? this.body() : undefined) : r.chance(0.9) ? this.body() : undefined;
    if (body !== undefined || r.chance(0.2)) {
      if (r.chance(0.9)) headers['content-type'] = r.chance(0.1) ? this.text().replace(/[^\x20-\x7e]/g, '') : r.pick(CONTENT_TYPES);
    }
    if (r.chance(0.05)) headers.accept = r.pick(['text/html', '*/*', 'application/json', '']);
    if (path.includes('/runtime/') && r.chance(0.8)) headers.authorization = `Bearer ${r.chance(0.9) ? r.pick(this.state.jobTokens) : this.headerText()}`;
    else if (r.chance(0.03)) headers.authorization = r.pick(['Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', this.headerText()]);
    if (r.chance(0.05)) headers.origin = r.pick(['null', 'http://attacker.example', 'http://127.0.0.1', this.headerText()]);
    if (r.chance(0.03)) headers['sec-fetch-site'] = r.pick(['cross-site', 'same-site', 'same-origin', 'none']);
    if (r.chance(0.03)) headers.host = r.pick(['evil.example', '[::1]:1', 'localhost', '127.0.0.1:99999', 'a:b:c', '', this.headerText()]);
    return { method, path, headers, ...(body !== undefined ? { body } : {}) };
  }

  // A URL from a pattern: mostly real objects, sometimes garbage, for each parameter.
  private fill(url: string): string {
    const r = this.random;
    const s = this.state;
    const real: Record<string, () => string> = {
      workspace: () => s.workspace,
      name: () => r.pick([...s.jobs, s.assetName, s.registeredModel]),
      sha256: () => s.blobSha256,
      plural: () => r.pick(Object.values(ASSET_PLURALS)),
      version: () => r.pick(['1', 'latest', '2']),
      output: () => r.pick(['default', 'model', 'out']),
      model_id: () => s.loggedModelId,
      file: () => r.pick(['commandJob.schema.json', 'x.json']),
      tag_key: () => r.pick(['mlflow.note', 'k']),
    };
    const filled = url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => (r.chance(0.75) && real[name] ? real[name]() : this.segment()));
    return filled.replace(/\*$/, () => this.wildcard());
  }

  private wildcard(): string {
    const r = this.random;
    const s = this.state;
    const tail = Array.from({ length: r.int(0, 3) }, () => this.segment()).join('/');
    return r.pick([
      `${s.artifactRoot}/${tail}`,
      `${s.artifactRoot}/model.txt`,
      tail,
      `${s.artifactRoot}/${'a'.repeat(r.int(250, 300))}`,
      `${s.artifactRoot}/${encodeURIComponent('模型.txt')}`,
      `${s.artifactRoot}/%2e%2e/%2e%2e/x`,
      '../../etc/passwd',
      'index.html',
      '',
      `registry/${s.blobSha256}/x`,
      `${s.artifactRoot}/a%0d%0ab.txt`,
      `${s.artifactRoot}/a%00b`,
    ]);
  }

  // Header values Node's client will send: printable ASCII only.
  private headerText(): string {
    return this.text().replace(/[^\x21-\x7e]/g, '');
  }

  private segment(): string {
    return encodePath(this.text());
  }

  private text(): string {
    const r = this.random;
    if (r.chance(0.1)) return String.fromCharCode(...Array.from({ length: r.int(1, 20) }, () => r.int(0, 0xffff))).replace(/[\ud800-\udfff]/g, '?');
    return r.pick(NASTY);
  }

  private query(): string {
    const r = this.random;
    if (r.chance(0.3)) return '';
    const parts: string[] = [];
    for (let i = r.int(1, 5); i > 0; i--) {
      const key = r.chance(0.9) ? r.pick(QUERY_KEYS) : this.text();
      const times = r.chance(0.25) ? r.int(2, 3) : 1;
      for (let t = 0; t < times; t++) parts.push(`${encodeQuery(key)}=${encodeQuery(r.chance(0.4) ? r.pick(NUMBERS) : this.text())}`);
    }
    if (r.chance(0.05)) parts.push(r.pick(['&&', '=', 'a[b]=1', 'a[0]=1&a[1]=2', '__proto__=1', 'constructor[prototype]=1', '%']));
    return `?${parts.join('&')}`;
  }

  private body(): Buffer {
    const r = this.random;
    switch (r.int(0, 11)) {
      case 0:
        return Buffer.from(this.jsonObject(0)).subarray(0, r.int(1, 40)); // truncated JSON
      case 1:
        return Buffer.from(r.pick(['{', '}', '[1,', '{"a":}', 'nul', '"\\u12"', '{"a":1}}', '\u0000', 'NaN', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}']));
      case 2: {
        const depth = r.pick([63, 64, 65, 100, 1000, 5000, 20000]);
        const open = r.chance(0.5) ? '[' : '{"a":';
        const close = open === '[' ? ']' : '}';
        const inner = `${open.repeat(depth)}1${close.repeat(depth)}`;
        const key = r.pick(BODY_KEYS);
        return Buffer.from(r.chance(0.5) ? inner : `{"${key}":${inner}}`);
      }
      case 3:
        return Buffer.from(JSON.stringify({ [r.pick(BODY_KEYS)]: 'z'.repeat(r.pick([1000, 100_000, 600_000])) }));
      case 4:
        return Buffer.from(Array.from({ length: r.int(0, 2000) }, () => r.int(0, 255)));
      case 5:
        return Buffer.from(JSON.stringify(this.jsonObject(0))); // a JSON string of JSON: MLflow's double encoding
      case 6:
        return Buffer.from(r.pick(['', ' ', '\n', 'null', '[]', '1', '"x"', 'true']));
      case 7:
        return Buffer.concat([Buffer.from('ustar\u0000'), Buffer.alloc(r.int(0, 1200), r.int(0, 255))]);
      default:
        return Buffer.from(this.jsonObject(0));
    }
  }

  // A JSON object of known field names with values of every type, nested a little.
  private jsonObject(level: number): string {
    const r = this.random;
    const fields: string[] = [];
    for (let i = r.int(0, 6); i > 0; i--) fields.push(`${JSON.stringify(r.pick(BODY_KEYS))}:${this.jsonValue(level + 1)}`);
    return `{${fields.join(',')}}`;
  }

  private jsonValue(level: number): string {
    const r = this.random;
    switch (r.int(0, 9)) {
      case 0:
        return r.pick(['null', 'true', 'false', '0', '-1', '1e308', '-1e308', '1e999', '0.5', '9007199254740993', '-0']);
      case 1:
        return level < 4 ? this.jsonObject(level) : '{}';
      case 2:
        return level < 4 ? `[${Array.from({ length: r.int(0, 4) }, () => this.jsonValue(level + 1)).join(',')}]` : '[]';
      case 3:
        return JSON.stringify(r.pick([...this.stateValues(), this.state.runId, this.state.experimentId]));
      default:
        return JSON.stringify(this.text());
    }
  }

  private stateValues(): string[] {
    const s = this.state;
    return [...s.jobs, s.assetName, s.registeredModel, s.loggedModelId, `blob://${s.blobSha256}`, `mlflow-artifacts:/${s.artifactRoot}`];
  }
}

/** Percent-encodes what Node refuses in a request path, leaving `%` and `/` as they are. */
export function encodePath(text: string): string {
  return Array.from(text, (c) => (/[\x21-\x7e]/.test(c) && c !== '?' && c !== '#' ? c : encodeURIComponent(c) || '%3F')).join('');
}

function encodeQuery(text: string): string {
  return Array.from(text, (c) => (/[\x21-\x7e]/.test(c) && !'&=#+'.includes(c) ? c : encodeURIComponent(c))).join('');
}
