import { AZURE_ONLY_WORKSPACE_FIELDS, WorkspaceSchema, type WorkspaceSpec } from './schema/workspace-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

const WORKSPACE: SpecKind = {
  check(raw) {
    return checkDocument<WorkspaceSpec>(WorkspaceSchema, raw, notApplied);
  },
};

/**
 * Parses and validates workspace YAML text (`az ml workspace create --file`): `name`,
 * `display_name`, `description`, `tags` and `location` are recorded; the Azure resources a
 * workspace links (`storage_account`, `key_vault`, ...) are warnings, not applied. Throws
 * `LATHE_INVALID_SPEC` naming file:line:column, field and expectation.
 *
 * @example
 * parseWorkspace('name: team-a\ndisplay_name: Team A\n', { file: 'workspace.yml' });
 */
export function parseWorkspace(text: string, options: ParseSpecOptions): LoadedSpec<WorkspaceSpec> {
  return parseSpecText(WORKSPACE, text, options);
}

/** Reads and validates a workspace YAML file; see {@link parseWorkspace}. */
export async function loadWorkspaceFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<WorkspaceSpec>> {
  return parseWorkspace(await readSpecFile(file), { file, set });
}

/** Validates a workspace given as data (a REST body); errors name the field path under `source`. */
export function validateWorkspace(value: unknown, source = 'request body'): { spec: WorkspaceSpec; warnings: string[] } {
  return validateSpecValue(WORKSPACE, value, source);
}

function notApplied(spec: WorkspaceSpec): Issue[] {
  return AZURE_ONLY_WORKSPACE_FIELDS.filter((field) => field in spec).map((field): Issue => ({
    severity: 'warning',
    path: [field],
    at: 'key',
    message: 'recorded, not applied: Lathe keeps a workspace on its own server',
  }));
}
