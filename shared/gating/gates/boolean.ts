// BooleanGate (Gating-ML 2.0 section 3.5.5): and / or of two or more gate references, or not of
// exactly one; any operand may be used as its complement (`use-as-complement`). Operands are
// populations with their full membership (their own parents included); the result is then
// restricted to this gate's own parent, if it has one.
import { BitSet } from '../bitset';
import type { Dimension } from '../dimension';
import { Gate, type GateOptions } from './gate';

export type BooleanOp = 'and' | 'or' | 'not';

export interface BooleanOperand {
  ref: string;
  complement?: boolean;
}

export interface BooleanGateOptions extends GateOptions {
  op: BooleanOp;
  operands: BooleanOperand[];
}

export class BooleanGate extends Gate {
  readonly type = 'boolean' as const;
  readonly op: BooleanOp;
  readonly operands: readonly BooleanOperand[];

  constructor(o: BooleanGateOptions) {
    super(o);
    if (o.op !== 'and' && o.op !== 'or' && o.op !== 'not') throw this.invalid(`unknown boolean operation '${String(o.op)}'`);
    if (!Array.isArray(o.operands)) throw this.invalid('boolean gate has no operands');
    if (o.op === 'not' && o.operands.length !== 1) throw this.invalid(`'not' takes exactly one gate reference, has ${o.operands.length}`);
    if (o.op !== 'not' && o.operands.length < 2) throw this.invalid(`'${o.op}' takes at least two gate references, has ${o.operands.length}`);
    for (const r of o.operands) if (typeof r.ref !== 'string' || r.ref === '') throw this.invalid('gate reference without a ref');
    this.op = o.op;
    this.operands = o.operands.map((r) => ({ ref: r.ref, complement: r.complement === true }));
  }

  get dimensions(): readonly Dimension[] {
    return [];
  }

  override references(): string[] {
    return this.operands.map((r) => r.ref);
  }

  /** Combine operand memberships word by word, then restrict to the parent. */
  combine(operand: (id: string) => BitSet, eventCount: number, parent: BitSet | null): BitSet {
    const out = new BitSet(eventCount);
    const o = out.words;
    const sets = this.operands.map((r) => operand(r.ref).words);
    const comp = this.operands.map((r) => r.complement === true);
    if (this.op === 'not') {
      const a = sets[0]!, c = comp[0]!;
      for (let i = 0; i < o.length; i++) o[i] = c ? a[i]! : ~a[i]!;
    } else if (this.op === 'and') {
      o.fill(0xffffffff);
      for (let k = 0; k < sets.length; k++) {
        const a = sets[k]!;
        if (comp[k]) for (let i = 0; i < o.length; i++) o[i] = o[i]! & ~a[i]!;
        else for (let i = 0; i < o.length; i++) o[i] = o[i]! & a[i]!;
      }
    } else {
      for (let k = 0; k < sets.length; k++) {
        const a = sets[k]!;
        if (comp[k]) for (let i = 0; i < o.length; i++) o[i] = o[i]! | ~a[i]!;
        else for (let i = 0; i < o.length; i++) o[i] = o[i]! | a[i]!;
      }
    }
    if (parent) {
      const p = parent.words;
      for (let i = 0; i < o.length; i++) o[i] = o[i]! & p[i]!;
    }
    out.clearTail();
    return out;
  }
}
