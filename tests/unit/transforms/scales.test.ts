// linear, log, arcsinh, fratio and createTransform: formulas, limits and typed refusals.
import { describe, expect, it } from 'vitest';
import { arcsinh, createTransform, fratio, linear, log, logicle, TransformError } from '../../../shared/transforms';

describe('linear (flin)', () => {
  it('maps -A to 0 and T to 1', () => {
    const t = linear({ T: 10000, A: 500 });
    expect(t.apply(-500)).toBe(0);
    expect(t.apply(10000)).toBe(1);
  });

  it('refuses A > T naming A', () => {
    expect(() => linear({ T: 100, A: 101 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_RANGE', param: 'A' }));
  });
});

describe('log (flog)', () => {
  it('maps T to 1 and T*10^-M to 0', () => {
    const t = log({ T: 10000, M: 5 });
    expect(t.apply(10000)).toBe(1);
    expect(t.apply(0.1)).toBeCloseTo(0, 15);
  });

  it('gives -Infinity at 0 and NaN below 0 (undefined there, as the peer tests expect)', () => {
    const t = log({ T: 10000, M: 5 });
    const ys = t.applyArray([0, -1]);
    expect(ys[0]).toBe(-Infinity);
    expect(ys[1]).toBeNaN();
  });

  it('refuses M <= 0 naming M', () => {
    expect(() => log({ T: 10000, M: 0 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_RANGE', param: 'M' }));
  });
});

describe('arcsinh (fasinh)', () => {
  it('maps T to 1 and 0 to A/(M+A)', () => {
    const t = arcsinh({ T: 1000, M: 4, A: 1 });
    expect(t.apply(1000)).toBeCloseTo(1, 15);
    expect(t.apply(0)).toBeCloseTo(1 / 5, 15);
  });

  it('is odd around 0 apart from the A offset', () => {
    const t = arcsinh({ T: 262144, M: 4.5, A: 0 });
    for (const x of [1, 55, 1e4]) expect(t.apply(-x)).toBeCloseTo(-t.apply(x), 15);
  });

  it('refuses A > M naming A', () => {
    expect(() => arcsinh({ T: 1000, M: 4, A: 5 })).toThrowError(expect.objectContaining({ param: 'A' }));
  });
});

describe('fratio', () => {
  it('computes A*(x1 - B)/(x2 - C) per event over two columns', () => {
    const r = fratio(2, 1, 3);
    expect(r.apply(5, 7)).toBe(2);
    expect(Array.from(r.applyArrays([5, 1, 11], [7, 4, 3]))).toEqual([2, 0, Infinity]);
  });

  it('refuses columns of different lengths', () => {
    expect(() => fratio(1, 0, 0).applyArrays([1, 2], [1])).toThrowError(TransformError);
  });
});

describe('createTransform', () => {
  it('builds each scale by its name or its Gating-ML element name', () => {
    expect(createTransform('flin', { T: 10, A: 0 }).kind).toBe('linear');
    expect(createTransform('flog', { T: 10, M: 1 }).kind).toBe('log');
    expect(createTransform('fasinh', { T: 10, M: 1, A: 0 }).kind).toBe('arcsinh');
    expect(createTransform('logicle', { T: 262144, W: 0.5, M: 4.5, A: 0 }).apply(1000)).toBe(logicle({ T: 262144, W: 0.5, M: 4.5, A: 0 }).apply(1000));
    expect(createTransform('hyperlog', { T: 10000, W: 1, M: 4.5, A: 0 }).kind).toBe('hyperlog');
  });

  it('refuses an unknown kind with TRANSFORM_KIND_UNKNOWN', () => {
    expect(() => createTransform('biex', { T: 1 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_KIND_UNKNOWN', param: 'biex' }));
  });

  it('refuses a missing parameter naming it', () => {
    expect(() => createTransform('logicle', { T: 262144, M: 4.5 })).toThrowError(expect.objectContaining({ code: 'TRANSFORM_PARAM_MISSING', param: 'W' }));
  });

  it('keeps the parameters as given for display and export', () => {
    expect(createTransform('logicle', { T: 1000, W: 1, M: 4, A: 0 }).params).toEqual({ T: 1000, W: 1, M: 4, A: 0 });
  });
});
