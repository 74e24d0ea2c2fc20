// Base of the Gating-ML 2.0 gate types (one class per type, as FlowKit names them). A gate
// selects events from its parent population (`parentId`, Gating-ML `parent_id`), or from all
// events when it has none. Geometric gates test prepared float64 columns, one per dimension.
import { BitSet } from '../bitset';
import type { Dimension } from '../dimension';
import { GatingError } from '../errors';

export type GateType = 'rectangle' | 'polygon' | 'ellipsoid' | 'quadrant' | 'boolean';

export interface GateOptions {
  id: string;
  parentId?: string | null;
  /** Optional display name (Gating-ML `name` attribute). */
  name?: string;
}

export abstract class Gate {
  abstract readonly type: GateType;
  readonly id: string;
  readonly parentId: string | null;
  readonly name?: string;

  constructor(o: GateOptions) {
    if (typeof o.id !== 'string' || o.id.trim() === '') throw new GatingError('GATE_INVALID', 'a gate needs a non-empty id');
    this.id = o.id;
    this.parentId = o.parentId ?? null;
    if (o.name !== undefined) this.name = o.name;
    if (this.parentId === this.id) throw new GatingError('GATE_CYCLE', 'gate is its own parent', this.id);
  }

  /** Dimensions whose prepared columns `evaluate` receives, in order. */
  abstract get dimensions(): readonly Dimension[];

  /** Ids of the populations this gate defines: its own id, or one per quadrant. */
  populationIds(): string[] {
    return [this.id];
  }

  /** Other populations this gate's definition reads (boolean operands), besides its parent. */
  references(): string[] {
    return [];
  }

  protected invalid(message: string): GatingError {
    return new GatingError('GATE_INVALID', message, this.id);
  }
}

/** A gate defined by a region in the space of its dimensions. */
export abstract class GeometricGate extends Gate {
  /** Members = parent members (or all events) whose coordinates lie in the region. */
  abstract evaluate(columns: readonly Float64Array[], eventCount: number, parent: BitSet | null): BitSet;
}

/**
 * Generic scan: test only the parent's members (or every event), one 32-event word at a time,
 * and write whole words. `inside` must be a cheap monomorphic closure over typed arrays.
 */
export function scan(eventCount: number, parent: BitSet | null, inside: (e: number) => boolean): BitSet {
  const out = new BitSet(eventCount);
  const ow = out.words;
  if (parent === null) {
    for (let wi = 0, base = 0; wi < ow.length; wi++, base += 32) {
      const end = Math.min(32, eventCount - base);
      let w = 0;
      for (let b = 0; b < end; b++) if (inside(base + b)) w |= 1 << b;
      ow[wi] = w;
    }
  } else {
    const pw = parent.words;
    for (let wi = 0; wi < ow.length; wi++) {
      let word = pw[wi]!;
      let w = 0;
      while (word !== 0) {
        const t = word & -word;
        if (inside((wi << 5) + (31 - Math.clz32(t)))) w |= t;
        word ^= t;
      }
      ow[wi] = w;
    }
  }
  return out;
}

export function checkDimensions(gate: Gate, dims: readonly Dimension[], expected?: number): void {
  if (!Array.isArray(dims) || dims.length === 0) throw new GatingError('GATE_INVALID', 'gate has no dimensions', gate.id);
  if (expected !== undefined && dims.length !== expected)
    throw new GatingError('GATE_INVALID', `gate needs exactly ${expected} dimensions, has ${dims.length}`, gate.id);
  for (const d of dims) {
    const hasChannel = typeof d.channel === 'string' && d.channel !== '';
    const hasRatio = typeof d.ratio === 'string' && d.ratio !== '';
    if (hasChannel === hasRatio)
      throw new GatingError('GATE_INVALID', 'each dimension needs exactly one of a channel or a ratio transform', gate.id);
  }
}

export function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
