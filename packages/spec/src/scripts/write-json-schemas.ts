import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMAS } from '../json-schemas.js';

// Build step: writes each kind's JSON Schema for editors (`# yaml-language-server: $schema=...`).
const folder = fileURLToPath(new URL('../../schemas/', import.meta.url));
mkdirSync(folder, { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
  writeFileSync(`${folder}${file}`, `${JSON.stringify(schema, null, 2)}\n`);
}
