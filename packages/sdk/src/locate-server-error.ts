import { LatheError } from '@lathe/core';
import { formatFinding, type LoadedSpec } from '@lathe/spec';

/**
 * Gives a spec error the server found (`LATHE_INVALID_SPEC` naming a field: an unknown data
 * asset, a literal a component input does not take) the file, line and column of that field,
 * as the errors found while reading the YAML have. Other errors are returned as they are.
 */
export function locateServerError(error: unknown, loaded: Pick<LoadedSpec<unknown>, 'locate'>): unknown {
  if (!(error instanceof LatheError) || error.code !== 'LATHE_INVALID_SPEC') return error;
  const raw = error.details.field;
  if (typeof raw !== 'string' || error.details.line !== undefined) return error;
  // Server messages read `spec: <field>: <what>` or `<field>: <what>`.
  const field = raw.replace(/^spec(: |\.)/, '');
  let message = error.message.replace(/^spec: /, '');
  if (message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  const finding = loaded.locate(field, message);
  return new LatheError(error.code, formatFinding(finding), { details: { ...error.details, ...finding }, cause: error });
}
