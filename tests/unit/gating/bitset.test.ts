import { describe, expect, it } from 'vitest';
import { BitSet, popcount } from '../../../shared/gating/bitset';

describe('BitSet', () => {
  it('counts members across word boundaries', () => {
    const b = BitSet.fromIndices(100, [0, 31, 32, 63, 64, 99]);
    expect(b.count).toBe(6);
    expect([...b.indices()]).toEqual([0, 31, 32, 63, 64, 99]);
  });

  it('keeps bits past the size clear after not, so the complement counts exactly', () => {
    const b = BitSet.fromIndices(70, [1, 69]);
    const c = b.not();
    expect(c.count).toBe(68);
    expect(c.has(69)).toBe(false);
    expect(c.has(70)).toBe(false);
    expect(c.words[2]! >>> 6).toBe(0);
  });

  it('combines sets with and, or and andNot word by word', () => {
    const a = BitSet.fromPredicate(97, (e) => e % 2 === 0);
    const b = BitSet.fromPredicate(97, (e) => e % 3 === 0);
    expect(a.and(b).count).toBe(BitSet.fromPredicate(97, (e) => e % 6 === 0).count);
    expect(a.or(b).equals(BitSet.fromPredicate(97, (e) => e % 2 === 0 || e % 3 === 0))).toBe(true);
    expect(a.andNot(b).equals(BitSet.fromPredicate(97, (e) => e % 2 === 0 && e % 3 !== 0))).toBe(true);
  });

  it('visits members in increasing order with forEach', () => {
    const seen: number[] = [];
    BitSet.fromIndices(200, [199, 5, 64, 33]).forEach((e) => seen.push(e));
    expect(seen).toEqual([5, 33, 64, 199]);
  });

  it('refuses to combine sets of different sizes', () => {
    expect(() => new BitSet(10).and(new BitSet(11))).toThrow(RangeError);
  });

  it('counts the bits of any 32-bit word', () => {
    expect(popcount(0)).toBe(0);
    expect(popcount(0xffffffff)).toBe(32);
    expect(popcount(0x80000001)).toBe(2);
  });

  it('makes a full set of exactly size members', () => {
    expect(BitSet.full(33).count).toBe(33);
    expect(BitSet.full(0).count).toBe(0);
  });
});
