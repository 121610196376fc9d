import { Type } from '@sinclair/typebox';
import { AZURE_DATASTORE_TYPES, DATASTORE_SCHEMAS, DATASTORE_TYPES, type DatastoreSpec, type DatastoreType } from './schema/datastore-schema.js';
import { StringEnum } from './schema/keywords.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import { checkValue } from './validate/check-value.js';
import type { Issue } from './validate/issue.js';

// Only `type` first: it picks the schema every other field is checked against.
const TypeOnly = Type.Object({ type: StringEnum(DATASTORE_TYPES) });

const DATASTORE: SpecKind = {
  check(raw) {
    const picked = checkValue(TypeOnly, raw);
    const type = (picked.value as { type?: DatastoreType } | null)?.type;
    if (picked.issues.length > 0 || type === undefined) return { spec: raw, issues: picked.issues };
    return checkDocument<DatastoreSpec>(DATASTORE_SCHEMAS[type], raw, datastoreIssues);
  },
};

/**
 * Parses and validates datastore YAML text (`az ml datastore create --file`). `type: local` is
 * Lathe's own (a folder on the server's machine); Azure's `azure_blob`, `azure_file`,
 * `azure_data_lake_gen1` and `azure_data_lake_gen2` are accepted with a warning: recorded, not
 * reachable from Lathe yet. Throws `LATHE_INVALID_SPEC` naming file:line:column, field and expectation.
 *
 * @example
 * parseDatastore('name: shared\ntype: local\npath: /srv/data\n', { file: 'datastore.yml' });
 */
export function parseDatastore(text: string, options: ParseSpecOptions): LoadedSpec<DatastoreSpec> {
  return parseSpecText(DATASTORE, text, options);
}

/** Reads and validates a datastore YAML file; see {@link parseDatastore}. */
export async function loadDatastoreFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<DatastoreSpec>> {
  return parseDatastore(await readSpecFile(file), { file, set });
}

/** Validates a datastore given as data (a REST body); errors name the field path under `source`. */
export function validateDatastore(value: unknown, source = 'request body'): { spec: DatastoreSpec; warnings: string[] } {
  return validateSpecValue(DATASTORE, value, source);
}

function datastoreIssues(spec: DatastoreSpec): Issue[] {
  const out: Issue[] = [];
  if ((AZURE_DATASTORE_TYPES as readonly string[]).includes(spec.type)) {
    out.push({ severity: 'warning', path: ['type'], at: 'value', message: `${spec.type} datastores are recorded, not reachable from Lathe yet` });
  }
  if ((spec.type === 'azure_blob' || spec.type === 'azure_file') && spec.credentials) {
    const { account_key, sas_token } = spec.credentials;
    if ((account_key === undefined) === (sas_token === undefined)) {
      const message = account_key === undefined ? 'credentials need account_key or sas_token' : 'give account_key or sas_token, not both';
      out.push({ severity: 'error', path: ['credentials'], at: 'key', expected: 'exactly one of account_key, sas_token', message });
    }
  }
  return out;
}
