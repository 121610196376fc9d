import type { TSchema } from '@sinclair/typebox';

/** A short phrase for what a schema accepts: "a string", "one of: ro_mount, download". */
export function describeSchema(schema: TSchema): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).map(describeSchema).join(' or ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of: ${(schema.enum as string[]).join(', ')}`;
  switch (schema.type) {
    case 'string':
      return schema['x-lathe-coerce'] === 'string' ? 'a string (or number)' : 'a string';
    case 'integer':
      return withRange('an integer', schema);
    case 'number':
      return withRange('a number', schema);
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    default:
      return 'any value';
  }
}

function withRange(noun: string, schema: TSchema): string {
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
    return `${noun} from ${schema.minimum} to ${schema.maximum}`;
  }
  if (typeof schema.minimum === 'number') return `${noun} ≥ ${schema.minimum}`;
  if (typeof schema.maximum === 'number') return `${noun} ≤ ${schema.maximum}`;
  return noun;
}
