// The code-generation switch: under a strict CSP the renderer builds logicle/hyperlog without ever
// calling `new Function` (the attempt alone would report a CSP violation), with the same values.
import { afterEach, describe, expect, it } from 'vitest';
import { codeGenerationEnabled, hyperlog, logicle, logicleExact, setCodeGeneration } from '../../../shared/transforms';

const RealFunction = globalThis.Function;

/** Counts `new Function(...)` calls while `body` runs. */
function countFunctionConstructions(body: () => void): number {
  let calls = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args) {
      calls++;
      return Reflect.construct(target, args);
    },
  });
  try {
    body();
  } finally {
    globalThis.Function = RealFunction;
  }
  return calls;
}

afterEach(() => setCodeGeneration(true));

describe('setCodeGeneration', () => {
  it('is on by default, so Node keeps the compiled fast path', () => {
    expect(codeGenerationEnabled()).toBe(true);
    // Parameters no other test uses, so the table is built (not taken from the cache) here.
    expect(countFunctionConstructions(() => logicle({ T: 262143, W: 0.61, M: 4.4, A: 0 }).apply(100))).toBe(1);
  });

  it('builds logicle and hyperlog without calling new Function once turned off', () => {
    setCodeGeneration(false);
    const calls = countFunctionConstructions(() => {
      logicle({ T: 262142, W: 0.62, M: 4.4, A: 0 }).applyArray(new Float32Array([-300, 0, 5000]));
      hyperlog({ T: 262142, W: 0.62, M: 4.4, A: 0 }).applyArray(new Float32Array([-300, 0, 5000]));
    });
    expect(calls).toBe(0);
  });

  it('gives the exact logicle values on the portable path', () => {
    setCodeGeneration(false);
    const params = { T: 262144, W: 0.5, M: 4.5, A: 0 };
    const exact = logicleExact(params);
    const xs = [-5000, -120, -1, 0, 1, 150, 1000, 30_000, 262_144];
    const ys = logicle(params).applyArray(xs);
    xs.forEach((x, i) => expect(Math.abs(ys[i] - exact(x))).toBeLessThan(1e-12));
  });
});
