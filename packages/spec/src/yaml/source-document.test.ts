import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { parseCommandJob } from '../command-job.js';
import { MAX_SPEC_NODES, SourceDocument } from './source-document.js';

const JOB = [
  'command: echo hi', // 1
  'inputs:', // 2
  '  data:', // 3
  '    path: ./d', // 4
  '    mode: mounted', // 5
  'resources:', // 6
  '  locations: [a, b]', // 7
  '',
].join('\n');

/** The position of `${{` number `nth` (0-based) in the command of `text`. */
function bindingPosition(text: string, nth = 0): { line: number; column: number } {
  const doc = SourceDocument.parse(text, 'job.yml');
  const command = (doc.toJS() as { command: string }).command;
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = command.indexOf('${{', offset + 1);
  assert.ok(offset >= 0, `binding ${nth} not found in ${JSON.stringify(command)}`);
  return doc.positionOf(['command'], 'value', offset);
}

describe('SourceDocument.parse', () => {
  it('returns the document as plain data', () => {
    const doc = SourceDocument.parse(JOB, 'job.yml');
    assert.deepEqual(doc.toJS(), { command: 'echo hi', inputs: { data: { path: './d', mode: 'mounted' } }, resources: { locations: ['a', 'b'] } });
    assert.equal(doc.file, 'job.yml');
    assert.equal(doc.text, JOB);
  });

  it('throws LATHE_INVALID_SPEC with file:line:column for a syntax error', () => {
    assert.throws(
      () => SourceDocument.parse('command: echo\ncompute: a\ncommand: echo again\n', 'bad.yml'),
      (error: unknown) => {
        assert.ok(error instanceof LatheError);
        assert.equal(error.code, 'LATHE_INVALID_SPEC');
        assert.equal(error.message, 'bad.yml:3:1: invalid YAML: Map keys must be unique');
        assert.deepEqual(error.details, { file: 'bad.yml', line: 3, column: 1, errors: ['Map keys must be unique'] });
        return true;
      },
    );
  });

  it('rejects a file with several documents', () => {
    const twoDocuments = 'command: a\n---\ncommand: b\n';
    assert.throws(() => SourceDocument.parse(twoDocuments, 'two.yml'), /^LatheError: two\.yml:2:1: invalid YAML: .*multiple documents/);
  });

  it('resolves aliases when turning the document into data', () => {
    const doc = SourceDocument.parse('tags: &t {a: b}\nproperties: *t\n', 'job.yml');
    assert.deepEqual(doc.toJS(), { tags: { a: 'b' }, properties: { a: 'b' } });
  });
});

describe('SourceDocument bounds', () => {
  const invalidSpec = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof LatheError, String(error));
    assert.equal(error.code, 'LATHE_INVALID_SPEC');
    assert.match(error.message, pattern);
    return true;
  };

  it('an alias bomb is LATHE_INVALID_SPEC at the first alias, not a crash', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
    ]) {
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `command: echo\nenvironment_variables:\n${rows.map((r) => `  ${r}`).join('\n')}\n`;
    assert.throws(() => parseCommandJob(text, { file: 'bomb.yml' }), invalidSpec(/^bomb\.yml:4:10: invalid YAML: aliases expand to too many nodes/));
  });

  it('a file with 100,000 keys is refused at once, and a duplicate key among many is found in linear time', { timeout: 20_000 }, () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
    const start = Date.now();
    assert.throws(() => SourceDocument.parse(`command: echo\n${keys(100_000)}\n`, 'big.yml'), invalidSpec(/^big\.yml:1:1: the file has \d+ characters; a spec may have at most/));
    assert.throws(() => SourceDocument.parse(`command: echo\n${keys(40_000)}\n`, 'many.yml'), invalidSpec(new RegExp(`^many\\.yml:\\d+:\\d+: the file has more than ${MAX_SPEC_NODES} YAML nodes`)));
    const lines = keys(4_000).split('\n');
    lines.push('k17: again');
    assert.throws(() => SourceDocument.parse(lines.join('\n'), 'dup.yml'), invalidSpec(/^dup\.yml:4001:1: invalid YAML: Map keys must be unique$/));
    assert.ok(Date.now() - start < 10_000, `took ${Date.now() - start} ms`);
  });
});

describe('SourceDocument.positionOf', () => {
  const doc = SourceDocument.parse(JOB, 'job.yml');

  it('points at the key for at: key', () => {
    assert.deepEqual(doc.positionOf(['inputs', 'data'], 'key'), { line: 3, column: 3 });
  });

  it('points at the value for at: value', () => {
    assert.deepEqual(doc.positionOf(['inputs', 'data', 'mode'], 'value'), { line: 5, column: 11 });
  });

  it('points at the enclosing mapping for at: container', () => {
    assert.deepEqual(doc.positionOf(['inputs', 'data', 'type'], 'container'), { line: 4, column: 5 });
    assert.deepEqual(doc.positionOf(['name'], 'container'), { line: 1, column: 1 });
  });

  it('points at the nearest existing ancestor for a path that does not exist', () => {
    assert.deepEqual(doc.positionOf(['inputs', 'other', 'mode'], 'value'), { line: 3, column: 3 });
  });

  it('points at list items by index', () => {
    assert.deepEqual(doc.positionOf(['resources', 'locations', 1], 'value'), { line: 7, column: 18 });
    assert.deepEqual(doc.positionOf(['resources', 'locations', 1], 'key'), { line: 7, column: 18 });
  });

  it('points at the start of the document for the empty path', () => {
    assert.deepEqual(SourceDocument.parse('# job\n\ncommand: x\n', 'job.yml').positionOf([], 'value'), { line: 3, column: 1 });
  });
});

describe('SourceDocument.positionOf inside a string', () => {
  it('maps an offset in a plain one-line scalar', () => {
    assert.deepEqual(bindingPosition('command: echo ${{inputs.x}}\n'), { line: 1, column: 15 });
  });

  it('maps each occurrence of a repeated binding to its own place', () => {
    const text = 'command: echo ${{inputs.x}} ${{inputs.x}}\n';
    assert.deepEqual(
      [bindingPosition(text, 0), bindingPosition(text, 1)],
      [
        { line: 1, column: 15 },
        { line: 1, column: 29 },
      ],
    );
  });

  it('maps offsets in a double-quoted scalar with escapes', () => {
    const text = 'command: "echo \\"${{inputs.x}}\\" ${{inputs.x}}"\n';
    assert.deepEqual(
      [bindingPosition(text, 0), bindingPosition(text, 1)],
      [
        { line: 1, column: 18 },
        { line: 1, column: 34 },
      ],
    );
  });

  it("maps an offset in a single-quoted scalar with ''", () => {
    assert.deepEqual(bindingPosition("command: 'it''s ${{inputs.x}}'\n"), { line: 1, column: 17 });
  });

  it('maps an offset in a plain scalar that spans lines', () => {
    assert.deepEqual(bindingPosition('command: python a.py\n  --x ${{inputs.y}}\n'), { line: 2, column: 7 });
  });

  it('maps an offset in a folded block followed by more lines', () => {
    const text = 'command: >-\n  python a.py\n  --x ${{inputs.y}}\n  --z 1\n';
    assert.deepEqual(bindingPosition(text), { line: 3, column: 7 });
  });

  it('maps offsets in a literal block whose lines repeat', () => {
    const text = 'command: |\n  echo ${{inputs.a}}\n  echo ${{inputs.a}}\n';
    assert.deepEqual(
      [bindingPosition(text, 0), bindingPosition(text, 1)],
      [
        { line: 2, column: 8 },
        { line: 3, column: 8 },
      ],
    );
  });

  it('maps an offset in a literal block with more-indented lines', () => {
    assert.deepEqual(bindingPosition('command: |\n  python a.py \\\n    --x ${{inputs.y}}\n'), { line: 3, column: 9 });
  });

  it('skips a comment on the header line of a block scalar', () => {
    const text = 'command: >- # passes ${{inputs.y}}\n  python a.py --x ${{inputs.y}}\n';
    assert.deepEqual(bindingPosition(text), { line: 2, column: 19 });
  });
});

describe('SourceDocument.setIn', () => {
  it('sets a value, creating mappings on the way', () => {
    const doc = SourceDocument.parse('command: x\n', 'job.yml');
    doc.setIn(['limits', 'timeout'], 60, 'limits.timeout=60');
    assert.deepEqual(doc.toJS(), { command: 'x', limits: { timeout: 60 } });
  });

  it('gives an empty file a mapping to set into', () => {
    const doc = SourceDocument.parse('', 'job.yml');
    doc.setIn(['command'], 'echo hi', 'command=echo hi');
    assert.deepEqual(doc.toJS(), { command: 'echo hi' });
  });

  it('remembers the argument for the path set and everything below it', () => {
    const doc = SourceDocument.parse('command: x\n', 'job.yml');
    doc.setIn(['inputs', 'data'], { path: './d' }, 'inputs.data={path: ./d}');
    assert.equal(doc.overrideOf(['inputs', 'data']), 'inputs.data={path: ./d}');
    assert.equal(doc.overrideOf(['inputs', 'data', 'mode']), 'inputs.data={path: ./d}');
    assert.equal(doc.overrideOf(['inputs']), undefined);
    assert.equal(doc.overrideOf(['command']), undefined);
    assert.equal(doc.overrideOf([]), undefined);
  });

  it('throws LATHE_INVALID_SPEC when a value on the way is not a mapping', () => {
    const doc = SourceDocument.parse('command: x\nresources:\n  locations: [a]\n', 'job.yml');
    assert.throws(
      () => doc.setIn(['command', 'x'], 1, 'command.x=1'),
      (error: unknown) => {
        assert.ok(error instanceof LatheError);
        assert.equal(error.code, 'LATHE_INVALID_SPEC');
        assert.equal(error.message, '--set command.x=1: cannot set command.x, because command is not a mapping');
        return true;
      },
    );
    assert.throws(() => doc.setIn(['resources', 'locations', 'x'], 1, 'resources.locations.x=1'), /because resources\.locations is not a mapping$/);
    assert.throws(() => doc.setIn(['resources', 'locations', '1'], 'b', 'resources.locations.1=b'), /because resources\.locations has no item 1$/);
    assert.equal(doc.overrideOf(['command', 'x']), undefined);
  });

  it('replaces an existing list item addressed by its index', () => {
    const doc = SourceDocument.parse('command: x\nresources:\n  locations: [a, b]\n', 'job.yml');
    doc.setIn(['resources', 'locations', '1'], 'c', 'resources.locations.1=c');
    assert.deepEqual(doc.toJS(), { command: 'x', resources: { locations: ['a', 'c'] } });
    assert.equal(doc.overrideOf(['resources', 'locations', 1]), 'resources.locations.1=c');
  });
});

describe('SourceDocument.keepNumberText', () => {
  it('turns a number into the text it was written as', () => {
    const doc = SourceDocument.parse('version: 1.10\nother: 1.10\n', 'asset.yml');
    doc.keepNumberText(['version']);
    assert.deepEqual(doc.toJS(), { version: '1.10', other: 1.1 });
  });

  it('leaves strings, mappings and missing paths alone', () => {
    const doc = SourceDocument.parse('version: "2"\ntags: {a: 1}\n', 'asset.yml');
    for (const path of [['version'], ['tags'], ['missing'], ['version', 'x']]) doc.keepNumberText(path);
    assert.deepEqual(doc.toJS(), { version: '2', tags: { a: 1 } });
  });
});
