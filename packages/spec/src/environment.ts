import { EnvironmentSchema, type EnvironmentSpec } from './schema/environment-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

const ENVIRONMENT: SpecKind = {
  check: (raw) => checkDocument<EnvironmentSpec>(EnvironmentSchema, raw, sourceIssues),
  textFields: [['version']],
};

/**
 * Parses and validates environment YAML text (`az ml environment create --file`). An environment
 * names where its runtime comes from: `image` (optionally with `conda_file`), or a Docker `build`
 * context. Lathe also takes `conda_file` alone (a conda runtime without a container), which
 * Azure does not. Throws `LATHE_INVALID_SPEC` naming file:line:column, field and expectation.
 *
 * @example
 * parseEnvironment('name: sklearn\nimage: python:3.11\nconda_file: conda.yml\n', { file: 'env.yml' });
 */
export function parseEnvironment(text: string, options: ParseSpecOptions): LoadedSpec<EnvironmentSpec> {
  return parseSpecText(ENVIRONMENT, text, options);
}

/** Reads and validates an environment YAML file; see {@link parseEnvironment}. */
export async function loadEnvironmentFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<EnvironmentSpec>> {
  return parseEnvironment(await readSpecFile(file), { file, set });
}

/** Validates an environment given as data (a REST body); errors name the field path under `source`. */
export function validateEnvironment(value: unknown, source = 'request body'): { spec: EnvironmentSpec; warnings: string[] } {
  return validateSpecValue(ENVIRONMENT, value, source);
}

// Where the runtime comes from: Azure's "one of image or build", and conda on top of an image.
function sourceIssues(spec: EnvironmentSpec): Issue[] {
  if (spec.image === undefined && spec.build === undefined && spec.conda_file === undefined) {
    const expected = 'image (a container image), build (a Docker build context) or conda_file';
    return [{ severity: 'error', path: ['image'], at: 'container', expected, message: `an environment needs ${expected}; none is given` }];
  }
  if (spec.build === undefined) return [];
  const error = (key: string, message: string): Issue => ({ severity: 'error', path: [key], at: 'key', expected: 'build alone', message });
  const out: Issue[] = [];
  if (spec.image !== undefined) out.push(error('image', 'image and build cannot both be given: the build context makes the image'));
  if (spec.conda_file !== undefined) out.push(error('conda_file', 'conda_file cannot be used with build: install dependencies in the Dockerfile'));
  return out;
}
