import { describe, expect, it } from 'vitest';
import { formatPercent, truncateDigits } from '../../../shared/clinical/mrd';

// A shown percentage must never cross a clinical cut-off the exact value does not reach: the risk
// rules compare exact values (0.9996 % at end of induction is STANDARD by F4, not HIGH by F2).
describe('percent formatting for reports', () => {
  it('cuts instead of rounding just below the 1 % and 0.10 % MRD cut-offs', () => {
    expect(formatPercent(0.9996)).toBe('0.99 %');
    expect(formatPercent(0.0996)).toBe('0.099 %');
  });

  it('keeps exact decimal values exact despite binary floating point', () => {
    expect(truncateDigits(0.29, 2)).toBe('0.29');
    expect(formatPercent(1)).toBe('1.00 %');
    expect(formatPercent(0.1)).toBe('0.10 %');
    expect(formatPercent(0.12)).toBe('0.12 %');
  });

  it('shows two significant digits at 10⁻⁵ levels', () => {
    expect(formatPercent((53 / 5_281_765) * 100)).toBe('0.0010 %');
    expect(formatPercent(0.000994)).toBe('0.00099 %');
    expect(formatPercent(0)).toBe('0 %');
  });
});
