import { LatheError, hasUriScheme } from '@lathe/core';
import { condaRequirements } from './conda-requirements.js';

/**
 * A job's environment made self-contained: the server resolves `environment:` (a workspace
 * asset, a curated name, an inline object) into this and stores it in the job's spec as
 * `resolved_environment`, so the launcher needs nothing else to materialise it.
 */
export interface ResolvedEnvironment {
  /** What the job wrote: `azureml:sklearn-env:1`, a registry URI, or `inline`. */
  reference: string;
  /** Where it came from. */
  source: 'workspace' | 'curated' | 'inline';
  /** The asset or curated name, when it has one. */
  name?: string;
  /** The asset version; `curated` for curated ones. */
  version?: string;
  /** The container image it names or stands for; recorded, not run. */
  image?: string;
  /** Set when the environment is a Docker build context (not built). */
  build?: string;
  /** The Python version its conda file asks for (`3.10`). */
  python?: string;
  /** PEP 508 requirements the job's Python must meet; none means the plain `LATHE_PYTHON`. */
  requirements: string[];
  /** Conda entries and pip options left out of `requirements`, each with why. */
  skipped: string[];
  /** Index options of the conda file's `pip:` list (`--extra-index-url URL`), given to pip when it installs. */
  pipOptions?: string[];
}

/** The parts of an environment spec (asset or inline) that decide what runs. */
export interface EnvironmentSource {
  image?: string;
  conda_file?: unknown;
  build?: { path: string };
}

/**
 * Resolves an environment spec whose `conda_file` is inlined (as `lathe environment create` and
 * `lathe job create` send it). Throws `LATHE_INVALID_SPEC` naming `field` when the conda file is
 * still a path or URL: the server cannot read the client's files.
 *
 * @example
 * resolveEnvironmentSpec({ conda_file: { dependencies: [{ pip: ['pandas'] }] } }, { reference: 'inline', source: 'inline' }, 'environment');
 */
export function resolveEnvironmentSpec(spec: EnvironmentSource, origin: Pick<ResolvedEnvironment, 'reference' | 'source' | 'name' | 'version'>, field: string): ResolvedEnvironment {
  if (typeof spec.conda_file === 'string') {
    const why = hasUriScheme(spec.conda_file) ? 'URLs are not fetched' : "a local path must be sent as the file's content (lathe job create and lathe environment create inline it)";
    throw new LatheError('LATHE_INVALID_SPEC', `spec: ${field}.conda_file: '${spec.conda_file}' cannot be read by the server: ${why}`, {
      details: { field: `${field}.conda_file` },
    });
  }
  const conda = spec.conda_file === undefined ? { requirements: [], skipped: [], pipOptions: [] } : condaRequirements(spec.conda_file);
  return {
    ...origin,
    ...(spec.image !== undefined ? { image: spec.image } : {}),
    ...(spec.build !== undefined ? { build: spec.build.path } : {}),
    ...(conda.python !== undefined ? { python: conda.python } : {}),
    requirements: conda.requirements,
    skipped: conda.skipped,
    ...(conda.pipOptions.length > 0 ? { pipOptions: conda.pipOptions } : {}),
  };
}

/** How an environment is named in logs and messages: `sklearn-env:1`, `curated sklearn-1.5`, `inline`. */
export function environmentLabel(env: Pick<ResolvedEnvironment, 'source' | 'name' | 'version'>): string {
  if (env.source === 'curated') return `curated ${env.name}`;
  if (env.source === 'workspace') return `${env.name}:${env.version}`;
  return 'inline';
}
