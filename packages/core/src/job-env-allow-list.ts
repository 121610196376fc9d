/**
 * The names a job inherits from the environment of the server and launcher when nothing else is
 * allowed: what a shell session needs (PATH, HOME, USER, locale, time zone, temporary folders,
 * the terminal), the proxy settings in both cases, PYTHONPATH, which the launcher extends
 * with Lathe's shipped packages, and pip's settings (`PIP_INDEX_URL`, `PIP_CONFIG_FILE`, ...),
 * with which environments install their requirements and jobs run `pip` as the user set it up.
 * Anything else — database URLs, cloud keys, tokens — stays out.
 * `LC_*` matches every locale category.
 */
export const DEFAULT_JOB_ENV_ALLOW: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TERM',
  'PYTHONPATH',
  'PIP_*',
  ...['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy'].flatMap((name) => [name, name.toUpperCase()]),
];

/** A name, or a name prefix ending in `*`, as `LATHE_JOB_ENV_ALLOW` lists them. */
export const ENV_ALLOW_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

/**
 * True when `name` is one of {@link DEFAULT_JOB_ENV_ALLOW} or of `extra`. An entry ending in
 * `*` matches every name that starts with what precedes it (`CUDA_*`). Names are compared with
 * their case, as the environment does.
 */
export function isAllowedJobEnvName(name: string, extra: readonly string[] = []): boolean {
  const matches = (entry: string) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry);
  return DEFAULT_JOB_ENV_ALLOW.some(matches) || extra.some(matches);
}

/**
 * The part of `env` a job may inherit: the variables {@link isAllowedJobEnvName} accepts with
 * `extra`, unset ones left out. A new object; `env` is not changed.
 */
export function allowedJobEnvironment(env: Readonly<Record<string, string | undefined>>, extra: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && isAllowedJobEnvName(name, extra)) out[name] = value;
  return out;
}
