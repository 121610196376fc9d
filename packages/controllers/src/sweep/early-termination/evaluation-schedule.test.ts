import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEvaluationPoint } from './evaluation-schedule.js';

const points = (evaluationInterval: number, delayEvaluation: number): number[] =>
  Array.from({ length: 12 }, (_, i) => i + 1).filter((n) => isEvaluationPoint(n, { evaluationInterval, delayEvaluation }));

describe('isEvaluationPoint', () => {
  it("follows Azure's examples: interval 2, delay 5 → 6, 8, 10; interval 1, delay 5 → 5, 6, 7", () => {
    assert.deepEqual(points(2, 5), [6, 8, 10, 12]);
    assert.deepEqual(points(1, 5), [5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('evaluates from the first interval with no delay, and never at interval 0', () => {
    assert.deepEqual(points(1, 0), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(points(3, 0), [3, 6, 9, 12]);
    assert.equal(isEvaluationPoint(0, { evaluationInterval: 1, delayEvaluation: 0 }), false);
  });
});
