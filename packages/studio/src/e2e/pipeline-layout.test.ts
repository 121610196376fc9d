// The pipeline graph's layout (Studio's Graph tab), a pure function: layers follow dependencies,
// boxes never overlap, and the same steps always draw the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutPipeline, type LayoutInput } from '../app/pages/pipeline/pipeline-layout.js';

const OPTIONS = { nodeWidth: 100, nodeHeight: 40, gapX: 20, gapY: 10 };

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x < b.x + OPTIONS.nodeWidth && b.x < a.x + OPTIONS.nodeWidth && a.y < b.y + OPTIONS.nodeHeight && b.y < a.y + OPTIONS.nodeHeight;
}

function check(nodes: LayoutInput[]) {
  const layout = layoutPipeline(nodes, OPTIONS);
  assert.equal(layout.positions.size, nodes.length);
  for (const node of nodes) {
    const at = layout.positions.get(node.id)!;
    for (const dep of node.deps) assert.ok(layout.positions.get(dep)!.layer < at.layer, `${dep} is left of ${node.id}`);
    assert.ok(at.x >= 0 && at.y >= 0 && at.x + OPTIONS.nodeWidth <= layout.width && at.y + OPTIONS.nodeHeight <= layout.height, `${node.id} is inside the drawing`);
  }
  const placed = [...layout.positions.entries()];
  for (const [i, [a, pa]] of placed.entries()) for (const [b, pb] of placed.slice(i + 1)) assert.ok(!overlaps(pa, pb), `${a} and ${b} do not overlap`);
  return layout;
}

describe('layoutPipeline', () => {
  it('puts a diamond in three layers, the middle two stacked', () => {
    const layout = check([
      { id: 'd', deps: ['b', 'c'] },
      { id: 'c', deps: ['a'] },
      { id: 'b', deps: ['a'] },
      { id: 'a', deps: [] },
    ]);
    const at = (id: string) => layout.positions.get(id)!;
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => at(id).layer),
      [0, 1, 1, 2],
    );
    assert.deepEqual(
      [at('b'), at('c')].map((p) => [p.x, p.y]),
      [
        [120, 0],
        [120, 50],
      ],
      'b above c (by name), one gap apart',
    );
    assert.deepEqual([layout.width, layout.height], [340, 90]);
  });

  it('places a step by its deepest dependency', () => {
    const layout = check([
      { id: 'prep', deps: [] },
      { id: 'train', deps: ['prep'] },
      { id: 'score', deps: ['train', 'prep'] },
      { id: 'evaluate', deps: ['score'] },
      { id: 'lonely', deps: [] },
    ]);
    assert.deepEqual(
      ['prep', 'lonely', 'train', 'score', 'evaluate'].map((id) => layout.positions.get(id)!.layer),
      [0, 0, 1, 2, 3],
    );
  });

  it('orders a layer by where its dependencies are, to avoid crossings', () => {
    const layout = check([
      { id: 'x', deps: [] },
      { id: 'y', deps: [] },
      { id: 'a-after-y', deps: ['y'] },
      { id: 'b-after-x', deps: ['x'] },
    ]);
    assert.ok(layout.positions.get('b-after-x')!.y < layout.positions.get('a-after-y')!.y);
  });

  it('ignores unknown dependencies, cuts cycles and draws nothing for no steps', () => {
    const layout = layoutPipeline(
      [
        { id: 'a', deps: ['missing', 'b'] },
        { id: 'b', deps: ['a'] },
      ],
      OPTIONS,
    );
    assert.equal(layout.positions.size, 2);
    assert.ok(!overlaps(layout.positions.get('a')!, layout.positions.get('b')!));
    assert.deepEqual(layoutPipeline([], OPTIONS), { positions: new Map(), width: 0, height: 0 });
  });
});
