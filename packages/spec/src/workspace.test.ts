import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';
import { loadWorkspaceFile, parseWorkspace, validateWorkspace } from './workspace.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/workspace/${name}`, import.meta.url));

describe('loadWorkspaceFile', () => {
  it("reads Azure's basic workspace example, warning that its Azure settings are not applied", async () => {
    const file = fixture('workspace.yml');
    const { spec, warnings } = await loadWorkspaceFile(file);
    assert.deepEqual(spec, {
      $schema: 'https://azuremlschemas.azureedge.net/latest/workspace.schema.json',
      name: 'mlw-basic-prod',
      location: 'eastus',
      display_name: 'Basic workspace-example',
      description: 'This example shows a YML configuration for a basic workspace.',
      hbi_workspace: false,
      tags: { purpose: 'demonstration' },
    });
    assert.deepEqual(warnings, [`${file}:6:1: hbi_workspace: recorded, not applied: Lathe keeps a workspace on its own server`]);
  });

  it('reports a name Azure would refuse and an unknown field with their positions', () => {
    const errorOf = (text: string) => expectInvalidSpec(() => parseWorkspace(text, { file: 'ws.yml' })).message;
    assert.match(errorOf('name: a\n'), /^ws\.yml:1:7: name: /);
    assert.match(errorOf('name: team-a\ndisplayname: x\n'), /^ws\.yml:2:1: displayname: unknown field 'displayname'; allowed fields: .*display_name/);
  });

  it('validates a REST body', () => {
    assert.deepEqual(validateWorkspace({ name: 'team-a', tags: { n: 5 } }).spec, { name: 'team-a', tags: { n: '5' } });
    assert.throws(() => validateWorkspace({ name: 'team a' }), /request body: name: /);
  });
});
