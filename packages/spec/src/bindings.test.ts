import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LatheError } from '@lathe/core';
import { checkBindings, findBindings, renderCommand, type BindingScope } from './bindings.js';
import { loadCommandJobFile } from './command-job.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url));
const scope = (inputs: string[], outputs: string[] = [], extraRoots?: string[]): BindingScope => ({
  inputs: new Set(inputs),
  outputs: new Set(outputs),
  ...(extraRoots ? { extraRoots: new Set(extraRoots) } : {}),
});

describe('findBindings', () => {
  it('finds every binding with its root, name, text and offset', () => {
    assert.deepEqual(findBindings('train ${{inputs.data}} --out ${{outputs.model}}'), [
      { root: 'inputs', name: 'data', text: '${{inputs.data}}', offset: 6, optional: false },
      { root: 'outputs', name: 'model', text: '${{outputs.model}}', offset: 29, optional: false },
    ]);
  });

  it('allows spaces inside the braces', () => {
    const [binding] = findBindings('echo ${{ inputs.lr }}');
    assert.deepEqual(binding, { root: 'inputs', name: 'lr', text: '${{ inputs.lr }}', offset: 5, optional: false });
  });

  it('marks bindings inside $[[ ]] as optional', () => {
    const found = findBindings('train ${{inputs.a}} $[[--b ${{inputs.b}}]] ${{inputs.c}}');
    assert.deepEqual(
      found.map((b) => [b.name, b.optional]),
      [
        ['a', false],
        ['b', true],
        ['c', false],
      ],
    );
  });

  it('finds nothing in a command without bindings', () => {
    assert.deepEqual(findBindings('echo $HOME ${NOT_A_BINDING} {{inputs.x}}'), []);
  });
});

describe('checkBindings', () => {
  it('accepts bindings that name declared inputs and outputs', () => {
    assert.deepEqual(checkBindings('train ${{inputs.data}} ${{outputs.model}}', scope(['data'], ['model'])), []);
  });

  it('reports an undeclared input at the offset of its $, listing the declared ones', () => {
    assert.deepEqual(checkBindings('train ${{inputs.data}} ${{inputs.missing}}', scope(['data', 'lr'])), [
      {
        offset: 23,
        message: "${{inputs.missing}} refers to input 'missing', which the job does not define",
        expected: 'one of the inputs: data, lr',
      },
    ]);
  });

  it('asks for an inputs: section when the job declares no inputs', () => {
    const [problem] = checkBindings('train ${{inputs.x}}', scope([]));
    assert.equal(problem?.expected, 'an input declared under inputs:');
  });

  it('allows an absent input inside an optional section', () => {
    assert.deepEqual(checkBindings('train $[[--val ${{inputs.validation}}]]', scope([])), []);
  });

  it('does not excuse an undeclared output inside an optional section', () => {
    const problems = checkBindings('train $[[--out ${{outputs.nope}}]]', scope([], ['model']));
    assert.deepEqual(problems, [
      {
        offset: 15,
        message: "${{outputs.nope}} refers to output 'nope', which the job does not define",
        expected: 'one of the outputs: model',
      },
    ]);
  });

  it('asks for an outputs: section when the job declares no outputs', () => {
    const [problem] = checkBindings('train ${{outputs.x}}', scope([]));
    assert.equal(problem?.expected, 'an output declared under outputs:');
  });

  it('reports an unknown root and names the roots that are allowed', () => {
    assert.deepEqual(checkBindings('train --lr ${{search_space.lr}}', scope([])), [
      { offset: 11, message: "${{search_space.lr}} uses 'search_space', which is not available here", expected: 'a binding to inputs or outputs' },
    ]);
    const [problem] = checkBindings('train ${{trial.id}}', scope([], [], ['search_space']));
    assert.equal(problem?.expected, 'a binding to inputs or outputs or search_space');
  });

  it('accepts any name under an extra root of the scope', () => {
    assert.deepEqual(checkBindings('train --lr ${{search_space.lr}}', scope([], [], ['search_space'])), []);
  });

  it('reports a binding that is never closed', () => {
    assert.deepEqual(checkBindings('train ${{inputs.data --epochs 3', scope(['data'])), [
      { offset: 6, message: 'malformed binding ${{inputs.data', expected: '${{inputs.<name>}} or ${{outputs.<name>}}' },
    ]);
  });

  it('reports an optional section that is never closed', () => {
    assert.deepEqual(checkBindings('train $[[--a ${{inputs.a}}]] $[[--b ${{inputs.b}}', scope(['a', 'b'])), [
      { offset: 29, message: 'optional section $[[ is never closed with ]]', expected: '$[[ ... ]] around an optional part of the command' },
    ]);
  });

  it('reports a binding without a name after the root', () => {
    const problems = checkBindings('train ${{inputs}}', scope(['data']));
    assert.deepEqual(
      problems.map((p) => [p.offset, p.message]),
      [[6, 'malformed binding ${{inputs}}']],
    );
  });
});

describe('renderCommand', () => {
  it('substitutes inputs and outputs', () => {
    const rendered = renderCommand('train --data ${{inputs.data}} --lr ${{ inputs.lr }} --out ${{outputs.model}}', {
      inputs: { data: '/mnt/data', lr: 0.5 },
      outputs: { model: '/mnt/out/model' },
    });
    assert.equal(rendered, 'train --data /mnt/data --lr 0.5 --out /mnt/out/model');
  });

  it('drops an optional section whose input is absent', () => {
    const rendered = renderCommand('train --data ${{inputs.data}} $[[--val ${{inputs.validation}}]] --fast', {
      inputs: { data: 'd' },
      outputs: {},
    });
    assert.equal(rendered, 'train --data d  --fast');
  });

  it('drops an optional section whose input is given as undefined', () => {
    const rendered = renderCommand('train $[[--val ${{inputs.validation}}]]', { inputs: { validation: undefined }, outputs: {} });
    assert.equal(rendered, 'train ');
  });

  it('keeps the body of an optional section, without the brackets, when its input is present', () => {
    const rendered = renderCommand('train $[[--val ${{inputs.validation}}]] --fast', { inputs: { validation: 'v.csv' }, outputs: {} });
    assert.equal(rendered, 'train --val v.csv --fast');
  });

  it('keeps a section only when every input inside it is present', () => {
    const command = 'train $[[--pair ${{inputs.a}} ${{inputs.b}}]]';
    assert.equal(renderCommand(command, { inputs: { a: 1 }, outputs: {} }), 'train ');
    assert.equal(renderCommand(command, { inputs: { a: 1, b: 2 }, outputs: {} }), 'train --pair 1 2');
  });

  it('renders false, 0 and the empty string rather than treating them as absent', () => {
    const rendered = renderCommand('run $[[--a ${{inputs.a}}]] $[[--b ${{inputs.b}}]] $[[--c "${{inputs.c}}"]]', {
      inputs: { a: false, b: 0, c: '' },
      outputs: {},
    });
    assert.equal(rendered, 'run --a false --b 0 --c ""');
  });

  it('substitutes extra roots by root.name', () => {
    const rendered = renderCommand('train --lr ${{search_space.lr}}', { inputs: {}, outputs: {}, extra: { 'search_space.lr': 0.01 } });
    assert.equal(rendered, 'train --lr 0.01');
  });

  it('does not expand bindings that appear inside substituted values', () => {
    const rendered = renderCommand('echo ${{inputs.a}}', { inputs: { a: '${{inputs.b}}', b: 'no' }, outputs: {} });
    assert.equal(rendered, 'echo ${{inputs.b}}');
  });

  it('throws LATHE_INVALID_SPEC for a required binding with no value', () => {
    assert.throws(
      () => renderCommand('train ${{inputs.data}} ${{outputs.model}}', { inputs: { data: 'd' }, outputs: {} }),
      (error: unknown) => {
        assert.ok(error instanceof LatheError);
        assert.equal(error.code, 'LATHE_INVALID_SPEC');
        assert.equal(error.message, '${{outputs.model}} has no value');
        assert.deepEqual(error.details, { binding: '${{outputs.model}}' });
        return true;
      },
    );
  });

  it('throws for an input given as undefined outside an optional section', () => {
    assert.throws(() => renderCommand('train ${{inputs.data}}', { inputs: { data: undefined }, outputs: {} }), /\$\{\{inputs\.data\}\} has no value/);
  });
});

describe('optional sections in a job file', () => {
  it('accepts a job whose optional section refers to an input it does not declare', async () => {
    const job = await loadCommandJobFile(fixture('good/optional-section.yml'));
    assert.equal(job.spec.command, 'python train.py --data ${{inputs.data}} $[[--validation ${{inputs.validation}}]]');
    assert.deepEqual(job.warnings, []);
  });

  it('renders the job command without the section until the input is given', async () => {
    const { spec } = await loadCommandJobFile(fixture('good/optional-section.yml'));
    assert.equal(renderCommand(spec.command ?? '', { inputs: { data: '/mnt/data' }, outputs: {} }), 'python train.py --data /mnt/data ');
    assert.equal(renderCommand(spec.command ?? '', { inputs: { data: '/mnt/data', validation: '/mnt/val' }, outputs: {} }), 'python train.py --data /mnt/data --validation /mnt/val');
  });
});
