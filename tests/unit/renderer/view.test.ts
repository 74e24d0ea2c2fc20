import { describe, expect, it } from 'vitest';
import { viewFromRelayout } from '../../../renderer/features/analysis/view';

const full = { x: { min: 0, max: 100 }, y: { min: 0, max: 50 } };

describe('viewFromRelayout', () => {
  it('reads a box zoom from the four range keys', () => {
    expect(viewFromRelayout({ 'xaxis.range[0]': 10, 'xaxis.range[1]': 20, 'yaxis.range[0]': 5, 'yaxis.range[1]': 7 }, full)).toEqual({
      x: { min: 10, max: 20 },
      y: { min: 5, max: 7 },
    });
  });

  it('keeps the other axis when only one axis was zoomed', () => {
    expect(viewFromRelayout({ 'xaxis.range': [30, 40] }, full)).toEqual({ x: { min: 30, max: 40 }, y: full.y });
  });

  it('returns to the full view on autorange', () => {
    expect(viewFromRelayout({ 'xaxis.autorange': true, 'yaxis.autorange': true }, full)).toBeNull();
  });

  it('ignores events that do not touch the axes', () => {
    expect(viewFromRelayout({ dragmode: 'pan' }, full)).toBeUndefined();
    expect(viewFromRelayout({ 'xaxis.range[0]': 3, 'xaxis.range[1]': 3 }, full)).toBeUndefined();
  });
});
