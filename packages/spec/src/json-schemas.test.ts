import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { JSON_SCHEMAS } from './json-schemas.js';

const schemasFolder = new URL('../schemas/', import.meta.url);
const published = JSON_SCHEMAS['commandJob.schema.json'] as Record<string, unknown>;

interface ObjectSchema {
  required?: string[];
  properties: Record<string, unknown>;
  additionalProperties?: boolean;
}

describe('JSON_SCHEMAS', () => {
  it('equals the committed schemas/commandJob.schema.json', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('commandJob.schema.json', schemasFolder), 'utf8'));
    assert.deepEqual(committed, published);
  });

  it('has a committed file for every published schema and no other', () => {
    const files = readdirSync(schemasFolder).filter((f) => f.endsWith('.schema.json'));
    assert.deepEqual(files.sort(), Object.keys(JSON_SCHEMAS).sort());
  });

  it('declares draft-07 and a stable $id', () => {
    assert.equal(published.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(published.$id, 'https://lathe.dev/schemas/commandJob.schema.json');
  });

  it('declares command and component (one of them is required, checked by Lathe) and forbids unknown top-level fields', () => {
    assert.equal(published.type, 'object');
    const properties = published.properties as Record<string, { type?: string; anyOf?: { type?: string }[] }>;
    assert.equal(properties.command?.type, 'string');
    // A reference, or an inline component (a pipeline step's, read from its file by the client).
    assert.deepEqual(
      properties.component?.anyOf?.map((s) => s.type),
      ['string', 'object'],
    );
    assert.equal(((published.required as string[] | undefined) ?? []).includes('command'), false);
    assert.equal(published.additionalProperties, false);
  });

  it('does not require fields that Lathe fills with a default', () => {
    const properties = published.properties as Record<string, { patternProperties?: Record<string, unknown> }>;
    const [inputSchema] = Object.values(properties.inputs?.patternProperties ?? {}) as { anyOf: ObjectSchema[] }[];
    const dataInput = inputSchema?.anyOf.find((branch) => 'properties' in branch);
    assert.deepEqual(dataInput?.required, ['path']);
    const [outputSchema] = Object.values(properties.outputs?.patternProperties ?? {}) as ObjectSchema[];
    assert.equal(outputSchema?.required, undefined);
    assert.deepEqual(Object.keys(outputSchema?.properties ?? {}), ['type', 'mode', 'path', 'name', 'version', 'description']);
  });

  it('is plain JSON without TypeBox symbols', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(published)), published);
    assert.equal(Object.getOwnPropertySymbols(published).length, 0);
  });
});

describe('JSON_SCHEMAS for the asset kinds', () => {
  const kinds = ['commandComponent', 'data', 'datastore', 'environment', 'model'];

  it('equals the committed schemas/<kind>.schema.json with a stable $id', () => {
    for (const kind of kinds) {
      const file = `${kind}.schema.json`;
      const schema = JSON_SCHEMAS[file] as Record<string, unknown>;
      assert.deepEqual(JSON.parse(readFileSync(new URL(file, schemasFolder), 'utf8')), schema, file);
      assert.equal(schema.$id, `https://lathe.dev/schemas/${file}`);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    }
  });

  it('requires what Azure requires and not what Lathe fills in', () => {
    const required = (file: string) => (JSON_SCHEMAS[file] as ObjectSchema).required;
    assert.deepEqual(required('data.schema.json'), ['name', 'path']);
    assert.deepEqual(required('model.schema.json'), ['name', 'path']);
    assert.deepEqual(required('environment.schema.json'), ['name']);
    assert.deepEqual(required('commandComponent.schema.json'), ['name', 'environment', 'command']);
  });

  it('publishes the datastore as one branch per type', () => {
    const branches = (JSON_SCHEMAS['datastore.schema.json'] as { anyOf: (ObjectSchema & { title: string })[] }).anyOf;
    assert.deepEqual(
      branches.map((b) => [b.title, (b.properties.type as { enum: string[] }).enum[0], b.required]),
      [
        ['LocalDatastore', 'local', ['type', 'name', 'path']],
        ['AzureBlobDatastore', 'azure_blob', ['type', 'name', 'account_name', 'container_name']],
        ['AzureFileDatastore', 'azure_file', ['type', 'name', 'account_name', 'file_share_name']],
        ['AzureDataLakeGen1Datastore', 'azure_data_lake_gen1', ['type', 'name', 'store_name']],
        ['AzureDataLakeGen2Datastore', 'azure_data_lake_gen2', ['type', 'name', 'account_name', 'filesystem']],
      ],
    );
  });
});
