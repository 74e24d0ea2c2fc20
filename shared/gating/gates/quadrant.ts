// QuadrantGate (Gating-ML 2.0 section 3.5.4): dividers split dimensions at one or more values;
// each named quadrant picks, per divider it mentions, the interval containing its `location`.
// Intervals follow the rectangle convention, lower value inclusive and upper exclusive, so every
// event falls in exactly one interval per divider. Quadrants are the populations; the gate's own
// id only names the family.
import { BitSet } from '../bitset';
import { boxes } from './rectangle';
import type { Dimension } from '../dimension';
import { Gate, checkDimensions, finite, type GateOptions } from './gate';

export interface QuadrantDivider {
  id: string;
  dimension: Dimension;
  /** Split values; sorted on construction. */
  values: number[];
}

export interface Quadrant {
  id: string;
  positions: Array<{ divider: string; location: number }>;
}

export interface QuadrantGateOptions extends GateOptions {
  dividers: QuadrantDivider[];
  quadrants: Quadrant[];
}

export class QuadrantGate extends Gate {
  readonly type = 'quadrant' as const;
  readonly dividers: readonly QuadrantDivider[];
  readonly quadrants: readonly Quadrant[];

  constructor(o: QuadrantGateOptions) {
    super(o);
    if (!Array.isArray(o.dividers) || o.dividers.length === 0) throw this.invalid('a quadrant gate needs at least one divider');
    if (!Array.isArray(o.quadrants) || o.quadrants.length === 0) throw this.invalid('a quadrant gate needs at least one quadrant');
    const ids = new Set<string>();
    this.dividers = o.dividers.map((d) => {
      if (!d.id || ids.has(d.id)) throw this.invalid(`divider id '${d.id}' is missing or repeated`);
      ids.add(d.id);
      if (!Array.isArray(d.values) || d.values.length === 0 || !d.values.every(finite))
        throw this.invalid(`divider '${d.id}' needs at least one finite value`);
      return { id: d.id, dimension: { ...d.dimension }, values: [...d.values].sort((a, b) => a - b) };
    });
    checkDimensions(this, this.dividers.map((d) => d.dimension));
    const qids = new Set<string>();
    this.quadrants = o.quadrants.map((q) => {
      if (!q.id || qids.has(q.id)) throw this.invalid(`quadrant id '${q.id}' is missing or repeated`);
      qids.add(q.id);
      if (!Array.isArray(q.positions) || q.positions.length === 0) throw this.invalid(`quadrant '${q.id}' has no position`);
      const seen = new Set<string>();
      for (const p of q.positions) {
        if (!ids.has(p.divider)) throw this.invalid(`quadrant '${q.id}' refers to unknown divider '${p.divider}'`);
        if (seen.has(p.divider)) throw this.invalid(`quadrant '${q.id}' names divider '${p.divider}' twice`);
        seen.add(p.divider);
        if (!finite(p.location)) throw this.invalid(`quadrant '${q.id}' has a non-numeric location`);
      }
      return { id: q.id, positions: q.positions.map((p) => ({ ...p })) };
    });
  }

  get dimensions(): readonly Dimension[] {
    return this.dividers.map((d) => d.dimension);
  }

  override populationIds(): string[] {
    return this.quadrants.map((q) => q.id);
  }

  /** [low, high) of the divider interval holding `location`. */
  interval(dividerId: string, location: number): [number, number] {
    const d = this.dividers.find((x) => x.id === dividerId)!;
    let lo = -Infinity, hi = Infinity;
    for (const v of d.values) {
      if (location >= v) lo = v;
      else { hi = v; break; }
    }
    return [lo, hi];
  }

  /** One member set per quadrant id; `columns` in divider order. */
  evaluateQuadrants(columns: readonly Float64Array[], eventCount: number, parent: BitSet | null): Map<string, BitSet> {
    const out = new Map<string, BitSet>();
    for (const q of this.quadrants) {
      // A quadrant is the box of its divider intervals (open along dividers it does not name).
      const cols: Float64Array[] = [], lows: number[] = [], highs: number[] = [];
      for (const p of q.positions) {
        const k = this.dividers.findIndex((d) => d.id === p.divider);
        const [lo, hi] = this.interval(p.divider, p.location);
        cols.push(columns[k]!); lows.push(lo); highs.push(hi);
      }
      let set = parent;
      for (let i = 0; i < cols.length; i += 2) {
        const two = i + 1 < cols.length;
        set = boxes(cols[i]!, two ? cols[i + 1]! : cols[i]!, lows[i]!, highs[i]!, two ? lows[i + 1]! : -Infinity, two ? highs[i + 1]! : Infinity, eventCount, set);
      }
      out.set(q.id, set ?? new BitSet(eventCount));
    }
    return out;
  }
}
