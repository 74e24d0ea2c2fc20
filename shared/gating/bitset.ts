// Event membership as a bit set: bit e of word e>>>5 is event e. 32× smaller than a byte mask,
// and and/or/not run one word (32 events) at a time. Bits past `size` in the last word are kept 0
// so `count` and `not` stay exact.
export class BitSet {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number, words?: Uint32Array) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`BitSet size must be a non-negative integer, got ${size}`);
    this.size = size;
    const n = (size + 31) >>> 5;
    if (words) {
      if (words.length !== n) throw new RangeError(`BitSet of ${size} bits needs ${n} words, got ${words.length}`);
      this.words = words;
    } else {
      this.words = new Uint32Array(n);
    }
  }

  static full(size: number): BitSet {
    const b = new BitSet(size);
    b.words.fill(0xffffffff);
    b.clearTail();
    return b;
  }

  /** Bits set where `predicate(e)` is true, for e in [0, size). For tests and small data; hot paths build words directly. */
  static fromPredicate(size: number, predicate: (e: number) => boolean): BitSet {
    const b = new BitSet(size);
    const w = b.words;
    for (let e = 0; e < size; e++) if (predicate(e)) w[e >>> 5]! |= 1 << (e & 31);
    return b;
  }

  static fromIndices(size: number, indices: ArrayLike<number>): BitSet {
    const b = new BitSet(size);
    for (let i = 0; i < indices.length; i++) b.add(indices[i]!);
    return b;
  }

  has(e: number): boolean {
    return e >= 0 && e < this.size && (this.words[e >>> 5]! & (1 << (e & 31))) !== 0;
  }

  add(e: number): void {
    if (e < 0 || e >= this.size) throw new RangeError(`event ${e} outside 0..${this.size - 1}`);
    this.words[e >>> 5]! |= 1 << (e & 31);
  }

  get count(): number {
    const w = this.words;
    let c = 0;
    for (let i = 0; i < w.length; i++) c += popcount(w[i]!);
    return c;
  }

  /** Calls fn(e) for each member in increasing order; skips empty words. */
  forEach(fn: (e: number) => void): void {
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      let word = w[i]!;
      while (word !== 0) {
        const t = word & -word;
        fn((i << 5) + (31 - Math.clz32(t)));
        word ^= t;
      }
    }
  }

  /** Member indices in increasing order. */
  indices(): Uint32Array {
    const out = new Uint32Array(this.count);
    const w = this.words;
    let k = 0;
    for (let i = 0; i < w.length; i++) {
      let word = w[i]!;
      while (word !== 0) {
        const t = word & -word;
        out[k++] = (i << 5) + (31 - Math.clz32(t));
        word ^= t;
      }
    }
    return out;
  }

  and(other: BitSet): BitSet {
    this.checkSize(other);
    const out = new BitSet(this.size);
    const a = this.words, b = other.words, o = out.words;
    for (let i = 0; i < o.length; i++) o[i] = a[i]! & b[i]!;
    return out;
  }

  or(other: BitSet): BitSet {
    this.checkSize(other);
    const out = new BitSet(this.size);
    const a = this.words, b = other.words, o = out.words;
    for (let i = 0; i < o.length; i++) o[i] = a[i]! | b[i]!;
    return out;
  }

  /** Members of this set that are not in `other`. */
  andNot(other: BitSet): BitSet {
    this.checkSize(other);
    const out = new BitSet(this.size);
    const a = this.words, b = other.words, o = out.words;
    for (let i = 0; i < o.length; i++) o[i] = a[i]! & ~b[i]!;
    return out;
  }

  /** Complement within [0, size). */
  not(): BitSet {
    const out = new BitSet(this.size);
    const a = this.words, o = out.words;
    for (let i = 0; i < o.length; i++) o[i] = ~a[i]!;
    out.clearTail();
    return out;
  }

  clone(): BitSet {
    return new BitSet(this.size, this.words.slice());
  }

  equals(other: BitSet): boolean {
    if (other.size !== this.size) return false;
    const a = this.words, b = other.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** Zero the unused high bits of the last word (after `not` or `full`). */
  clearTail(): void {
    const r = this.size & 31;
    if (r !== 0) this.words[this.words.length - 1]! &= (1 << r) - 1;
  }

  private checkSize(other: BitSet): void {
    if (other.size !== this.size) throw new RangeError(`BitSet sizes differ: ${this.size} vs ${other.size}`);
  }
}

/** Number of set bits in a 32-bit word (SWAR, Hacker's Delight 5-1). */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
