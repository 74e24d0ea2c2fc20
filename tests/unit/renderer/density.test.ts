import { describe, expect, it } from 'vitest';
import { binCentres, binDensity, extent } from '../../../renderer/features/analysis/density';

describe('binDensity', () => {
  it('counts every finite event exactly once, so the cells sum to the event count', () => {
    // Known truth: a deterministic pseudo-random cloud of 100 000 events.
    const n = 100_000;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      x[i] = (s / 2 ** 32) * 262144;
      s = (s * 1103515245 + 12345) >>> 0;
      y[i] = (s / 2 ** 32) * 1000 - 200;
    }
    const grid = binDensity(x, y, 64);
    let sum = 0;
    for (const c of grid.counts) sum += c;
    expect(sum).toBe(n);
    expect(grid.counted).toBe(n);
    expect(grid.skipped).toBe(0);
  });

  it('puts the maximum value into the last cell rather than outside the grid', () => {
    const grid = binDensity(new Float32Array([0, 10]), new Float32Array([0, 10]), 4);
    expect(grid.counts[0]).toBe(1);
    expect(grid.counts[3 * 4 + 3]).toBe(1);
  });

  it('skips and counts events with NaN or infinite coordinates', () => {
    const grid = binDensity(new Float32Array([0, NaN, 1, Infinity]), new Float32Array([0, 1, 1, 2]), 8);
    expect(grid.counted).toBe(2);
    expect(grid.skipped).toBe(2);
  });

  it('places an event in the row of its y cell and the column of its x cell', () => {
    // x spans 0..4, y spans 0..4, 4 bins of width 1: (3.5, 0.5) → row 0, col 3.
    const grid = binDensity(new Float32Array([0, 4, 3.5]), new Float32Array([0, 4, 0.5]), 4);
    expect(grid.counts[0 * 4 + 3]).toBe(1);
    expect(grid.maxCount).toBe(1);
  });
});

describe('extent', () => {
  it('widens a constant channel so the grid has a non-zero width', () => {
    expect(extent(new Float32Array([5, 5, 5]))).toEqual({ min: 4.5, max: 5.5 });
  });
});

describe('binCentres', () => {
  it('returns the middle of each cell', () => {
    expect(Array.from(binCentres({ min: 0, max: 4 }, 4))).toEqual([0.5, 1.5, 2.5, 3.5]);
  });
});

describe('binDensity over a zoomed range', () => {
  it('counts only the events inside the range and reports the rest as skipped', () => {
    const grid = binDensity(new Float32Array([1, 5, 9]), new Float32Array([1, 5, 9]), 2, { x: { min: 4, max: 10 }, y: { min: 4, max: 10 } });
    expect(grid.counted).toBe(2);
    expect(grid.skipped).toBe(1);
    expect(grid.x).toEqual({ min: 4, max: 10 });
  });

  it('rejects an empty range', () => {
    expect(() => binDensity(new Float32Array(1), new Float32Array(1), 2, { x: { min: 1, max: 1 }, y: { min: 0, max: 1 } })).toThrow(RangeError);
  });
});
