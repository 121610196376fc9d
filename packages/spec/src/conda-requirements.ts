/**
 * Turns a conda environment file into the pip requirements a Python must meet: conda
 * `dependencies` (conda names mapped to pip names where they differ, conda version syntax to
 * PEP 440) plus the `pip:` list as written. The interpreter (`python=3.10`) is returned apart,
 * and entries that are no Python package (`cudatoolkit`, `libgcc`, `git`), the installers
 * themselves (`pip`, `wheel`) and Azure service packages Lathe does not use are skipped with a
 * reason. Pure: nothing is looked up.
 */

/** What {@link condaRequirements} makes of a conda file. */
export interface CondaRequirements {
  /** The Python version asked for (`python=3.10` → `3.10`), when one is. */
  python?: string;
  /** PEP 508 requirement strings, in file order, without duplicates. */
  requirements: string[];
  /** Entries not turned into requirements, each with why: `cudatoolkit=11.3 (not a Python package)`. */
  skipped: string[];
  /**
   * Where the `pip:` list tells pip to look (`--extra-index-url URL`, `--index-url URL`,
   * `--find-links URL`, `--trusted-host HOST`, `--pre`), as pip arguments in file order, for
   * installing what the machine lacks.
   */
  pipOptions: string[];
}

/** pip options of a `pip:` list that say where packages come from, and whether each takes a value. */
const INDEX_OPTIONS: Readonly<Record<string, boolean>> = {
  '--index-url': true,
  '-i': true,
  '--extra-index-url': true,
  '--find-links': true,
  '-f': true,
  '--trusted-host': true,
  '--pre': false,
};

/** Conda package names whose pip name differs. */
const CONDA_TO_PIP: Readonly<Record<string, string>> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'py-xgboost': 'xgboost',
  'py-xgboost-cpu': 'xgboost',
  'py-xgboost-gpu': 'xgboost',
  'matplotlib-base': 'matplotlib',
  'tensorflow-gpu': 'tensorflow',
  'tensorflow-cpu': 'tensorflow',
  'py-opencv': 'opencv-python',
  opencv: 'opencv-python',
  'python-graphviz': 'graphviz',
  pytables: 'tables',
  'msgpack-python': 'msgpack',
};

/** Conda packages that are no Python distribution (libraries, toolchains, CUDA, tools). */
const NOT_PYTHON = new Set([
  'blas',
  'bzip2',
  'ca-certificates',
  'cmake',
  'cpuonly',
  'cudatoolkit',
  'cudatoolkit-dev',
  'cudnn',
  'ffmpeg',
  'gcc',
  'git',
  'graphviz',
  'gxx',
  'icu',
  'intel-openmp',
  'make',
  'mkl',
  'mkl-include',
  'mkl-service',
  'mpich',
  'nccl',
  'ncurses',
  'nodejs',
  'nomkl',
  'numpy-base',
  'openblas',
  'openjdk',
  'openmpi',
  'openssl',
  'pytorch-cuda',
  'pytorch-mutex',
  'readline',
  'sqlite',
  'tbb',
  'tk',
  'xz',
  'zlib',
  'zstd',
]);

/** Installers, which the virtual environment brings or does not need. */
const INSTALLERS = new Set(['pip', 'setuptools', 'wheel', 'conda']);

/** Packages of Azure ML's hosting service, which jobs do not import and Lathe does not need. */
const AZURE_SERVICE = new Set(['azureml-defaults', 'azureml-telemetry', 'azureml-inference-server-http']);

const CONDA_SPEC = /^([A-Za-z0-9_.-]+)\s*(.*)$/;

/**
 * Reads a conda environment document (the parsed `conda.yaml`).
 *
 * @example
 * condaRequirements({ dependencies: ['python=3.10', 'numpy=1.22', { pip: ['scikit-learn~=1.5.0'] }] });
 * // { python: '3.10', requirements: ['numpy==1.22.*', 'scikit-learn~=1.5.0'], skipped: [] }
 */
export function condaRequirements(conda: unknown): CondaRequirements {
  const out: CondaRequirements = { requirements: [], skipped: [], pipOptions: [] };
  const dependencies = (conda as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(dependencies)) return out;
  for (const entry of dependencies) {
    if (typeof entry === 'string') addConda(out, entry.trim());
    else if (entry !== null && typeof entry === 'object' && Array.isArray((entry as { pip?: unknown }).pip)) {
      for (const line of (entry as { pip: unknown[] }).pip) addPip(out, String(line).trim());
    }
  }
  return out;
}

/**
 * Adds pip requirement lines (a `pip:` list, or a curated environment's packages). Options
 * that say where packages come from are kept for pip (`--extra-index-url URL`); others
 * (`-r file`, `-e .`) are skipped, since the server cannot read the client's files.
 */
function addPip(out: CondaRequirements, line: string): void {
  const text = line.replace(/\s+#.*$/, '').trim();
  if (text === '') return;
  if (text.startsWith('-')) {
    const [, option = '', value = ''] = /^(-[-A-Za-z]+)(?:[=\s]\s*(.*))?$/.exec(text) ?? [];
    const takesValue = INDEX_OPTIONS[option];
    if (takesValue === undefined || (takesValue && value === '')) out.skipped.push(`${text} (pip option not applied: only index options are)`);
    else out.pipOptions.push(...(takesValue ? [option, value] : [option]));
    return;
  }
  const name = /^[A-Za-z0-9][A-Za-z0-9_.-]*/.exec(text)?.[0];
  const reason = name === undefined ? undefined : skipReason(normalizePackageName(name), false);
  if (reason !== undefined) {
    out.skipped.push(`${text} (${reason})`);
    return;
  }
  if (!out.requirements.includes(text)) out.requirements.push(text);
}

function addConda(out: CondaRequirements, entry: string): void {
  // `conda-forge::numpy=1.22=py39h_0`: the channel and the build string do not matter here.
  const withoutChannel = entry.includes('::') ? entry.slice(entry.indexOf('::') + 2) : entry;
  const match = CONDA_SPEC.exec(withoutChannel);
  if (!match) {
    out.skipped.push(`${entry} (not a conda package spec)`);
    return;
  }
  const [, condaName = '', rest = ''] = match;
  const name = condaName.toLowerCase();
  if (name === 'python') {
    const version = /^=*\s*([0-9][0-9.]*)/.exec(rest.trim())?.[1];
    if (version !== undefined) out.python = version.replace(/\.$/, '');
    return;
  }
  const reason = skipReason(name, true);
  if (reason !== undefined) {
    out.skipped.push(`${entry} (${reason})`);
    return;
  }
  const version = pep440(rest.trim());
  if (version === undefined) out.skipped.push(`${entry} (version '${rest.trim()}' is not understood; any version is accepted)`);
  const requirement = `${CONDA_TO_PIP[name] ?? name}${version ?? ''}`;
  if (!out.requirements.includes(requirement)) out.requirements.push(requirement);
}

// Pip names are all Python packages; conda ones may be libraries or tools.
function skipReason(name: string, conda: boolean): string | undefined {
  if (INSTALLERS.has(name)) return 'installer; not needed';
  if (AZURE_SERVICE.has(name)) return 'Azure ML service package; not used by Lathe';
  if (!conda) return undefined;
  if (NOT_PYTHON.has(name) || /^(lib|_|cuda-|r-)/.test(name) || /_linux-64$/.test(name)) return 'not a Python package';
  return undefined;
}

/**
 * Conda's version syntax as a PEP 440 specifier: `=1.22` (a prefix match) → `==1.22.*`, `1.22.*`
 * → `==1.22.*`, `>=1.2,<2` as is, a build string (`=1.22=py39_0`, `1.22 py39_0`) dropped. `''` for
 * any version, `undefined` when it cannot be read (an `|` alternative).
 */
function pep440(spec: string): string | undefined {
  if (spec === '' || spec === '*' || spec === '=*') return '';
  if (spec.includes('|')) return undefined;
  if (/^(==|>=|<=|!=|~=|>|<)/.test(spec)) return spec.replace(/\s+/g, '');
  const fuzzy = spec.startsWith('=');
  const version = (fuzzy ? spec.slice(1) : spec).split(/[=\s]/)[0] ?? '';
  if (!/^[0-9][0-9A-Za-z.+!-]*(\.\*)?$/.test(version)) return undefined;
  if (version.endsWith('.*')) return `==${version}`;
  return fuzzy ? `==${version}.*` : `==${version}`;
}

/** PEP 503 normal form: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
