// FlowJo "biex" LUT exported from FlowJo (refdata/transforms/flowjo_biex_lut_*.csv: channel i of
// 4096 shows data value lookup[i]; width basis -7.943282, 1 negative decade, 4.41854 positive
// decades, max 262144) against the logicle approximation logicleFromFlowJoBiex.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicle, logicleFromFlowJoBiex } from '../../../shared/transforms';
import { refdata } from '../../helpers/paths';

const rows = fs
  .readFileSync(refdata('transforms', 'flowjo_biex_lut_w-7.943282_n1_m4.418540_r262144.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',').map(Number));

describe('FlowJo biex as logicle', () => {
  const t = logicle(logicleFromFlowJoBiex({ widthBasis: -7.943282, negative: 1, positive: 4.41854, max: 262144 }));

  it('reads 4096 channels from the FlowJo table', () => {
    expect(rows).toHaveLength(4096);
  });

  it('puts data value 0 at the same display channel as FlowJo (1096 of 4096)', () => {
    expect(t.apply(0) * 4096).toBeCloseTo(1096, 0);
  });

  it('places every FlowJo table value within one display channel of its channel', () => {
    for (const [channel, value] of rows) expect(Math.abs(t.apply(value) * 4096 - channel), `channel ${channel}`).toBeLessThan(1);
  });
});
