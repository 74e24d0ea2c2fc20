// A gating strategy: the gates (by id), the transforms and spillover matrices they refer to (by
// id), and the hierarchy formed by parent references. Populations are what gates define: one per
// gate, or one per quadrant of a quadrant gate; parents and boolean operands refer to populations.
import type { Dimension } from './dimension';
import { FCS_COMPENSATION, UNCOMPENSATED } from './dimension';
import { GatingError } from './errors';
import type { Gate } from './gates/gate';
import { makeRatio, makeScale } from './scales';

/** Gating-ML 2.0 transformations (section 5): scales, and fratio for ratio dimensions. */
export type TransformKind = 'linear' | 'log' | 'arcsinh' | 'logicle' | 'hyperlog' | 'ratio';

export interface TransformDef {
  id: string;
  kind: TransformKind;
  /** As in Gating-ML: linear {T, A}; log {T, M}; arcsinh {T, M, A}; logicle/hyperlog {T, W, M, A}; ratio {A, B, C}. */
  params: Record<string, number>;
  /** Ratio only: [numerator, denominator] channels, fratio = A·(x − B)/(y − C). */
  channels?: [string, string];
}

/**
 * A compensation matrix referred to by id. Rows are fluorochromes (or, for an FCS-style spillover
 * matrix, the same detectors), columns detectors; compensated = detectors · M⁻¹ (or the right
 * pseudo-inverse when there are more detectors than fluorochromes).
 */
export interface SpilloverDef {
  id: string;
  /** 'spectrum' = Gating-ML spectrumMatrix, 'spillover' = Gating-ML spilloverMatrix / FCS $SPILLOVER. */
  kind: 'spectrum' | 'spillover';
  fluorochromes: string[];
  detectors: string[];
  /** fluorochromes.length × detectors.length, row-major. */
  matrix: Float64Array;
}

const TRANSFORM_PARAMS: Record<TransformKind, string[]> = {
  linear: ['T', 'A'],
  log: ['T', 'M'],
  arcsinh: ['T', 'M', 'A'],
  logicle: ['T', 'W', 'M', 'A'],
  hyperlog: ['T', 'W', 'M', 'A'],
  ratio: ['A', 'B', 'C'],
};

export class GatingStrategy {
  readonly gates = new Map<string, Gate>();
  readonly transforms = new Map<string, TransformDef>();
  readonly spillovers = new Map<string, SpilloverDef>();
  /** Population id → the gate that defines it. */
  private readonly populationGate = new Map<string, Gate>();

  addGate(gate: Gate): this {
    if (this.gates.has(gate.id) || this.populationGate.has(gate.id))
      throw new GatingError('GATE_DUPLICATE_ID', 'id is used twice', gate.id);
    const pops = gate.populationIds();
    for (const p of pops)
      if (this.populationGate.has(p) || this.gates.has(p) || (p === gate.id && gate.type === 'quadrant'))
        throw new GatingError('GATE_DUPLICATE_ID', `population id '${p}' is used twice`, gate.id);
    this.gates.set(gate.id, gate);
    for (const p of pops) this.populationGate.set(p, gate);
    return this;
  }

  addTransform(def: TransformDef): this {
    if (!def.id) throw new GatingError('GATINGML_INVALID', 'a transformation needs an id');
    if (this.transforms.has(def.id)) throw new GatingError('GATE_DUPLICATE_ID', `transformation id '${def.id}' is used twice`);
    const needed = TRANSFORM_PARAMS[def.kind];
    if (!needed) throw new GatingError('GATINGML_UNKNOWN', `transformation '${def.id}' has unknown kind '${String(def.kind)}'`);
    for (const p of needed)
      if (typeof def.params[p] !== 'number' || !Number.isFinite(def.params[p]))
        throw new GatingError('GATINGML_INVALID', `transformation '${def.id}' (${def.kind}) needs a finite parameter ${p}`);
    if (def.kind === 'ratio' && (!def.channels || def.channels.length !== 2 || !def.channels.every((c) => typeof c === 'string' && c)))
      throw new GatingError('GATINGML_INVALID', `ratio transformation '${def.id}' needs exactly two channels`);
    // Build once so parameter limits (Gating-ML 2.0 section 5) fail here, naming the transform.
    if (def.kind === 'ratio') makeRatio(def); else makeScale(def);
    this.transforms.set(def.id, { ...def, params: { ...def.params }, ...(def.channels ? { channels: [...def.channels] as [string, string] } : {}) });
    return this;
  }

  addSpillover(def: SpilloverDef): this {
    if (!def.id) throw new GatingError('GATINGML_INVALID', 'a compensation matrix needs an id');
    if (def.id === FCS_COMPENSATION || def.id === UNCOMPENSATED)
      throw new GatingError('GATINGML_INVALID', `'${def.id}' is reserved and cannot name a matrix`);
    if (this.spillovers.has(def.id)) throw new GatingError('GATE_DUPLICATE_ID', `matrix id '${def.id}' is used twice`);
    const r = def.fluorochromes.length, c = def.detectors.length;
    if (r === 0 || c === 0 || def.matrix.length !== r * c)
      throw new GatingError('GATINGML_INVALID', `matrix '${def.id}' must be ${r}×${c} with at least one row and column`);
    if (r > c) throw new GatingError('GATINGML_INVALID', `matrix '${def.id}' has more fluorochromes (${r}) than detectors (${c})`);
    this.spillovers.set(def.id, def);
    return this;
  }

  /** The gate defining a population (a quadrant's population → its quadrant gate). */
  gateOf(populationId: string): Gate | undefined {
    return this.populationGate.get(populationId);
  }

  hasPopulation(id: string): boolean {
    return this.populationGate.has(id);
  }

  parentOf(populationId: string): string | null {
    return this.populationGate.get(populationId)?.parentId ?? null;
  }

  /** Direct children of a population (or the roots for null), in insertion order. */
  childrenOf(populationId: string | null): string[] {
    const out: string[] = [];
    for (const [pop, gate] of this.populationGate) if (gate.parentId === populationId) out.push(pop);
    return out;
  }

  /** Every population id, insertion order. */
  populationIds(): string[] {
    return [...this.populationGate.keys()];
  }

  /**
   * Checks references and returns gates in evaluation order: every gate after its parent's gate
   * and its boolean operands' gates (depth-first, insertion order among independents).
   * Throws on dangling references, cycles, and unknown transforms or matrices.
   */
  topologicalOrder(): Gate[] {
    for (const gate of this.gates.values()) {
      if (gate.parentId !== null && !this.populationGate.has(gate.parentId))
        throw new GatingError('GATE_DANGLING_REF', `parent '${gate.parentId}' does not exist`, gate.id);
      for (const r of gate.references())
        if (!this.populationGate.has(r)) throw new GatingError('GATE_DANGLING_REF', `reference to '${r}', which does not exist`, gate.id);
      for (const d of gate.dimensions) this.checkDimension(gate.id, d);
    }
    const state = new Map<Gate, 1 | 2>(); // 1 = on the stack, 2 = done
    const order: Gate[] = [];
    const visit = (gate: Gate, path: string[]): void => {
      const s = state.get(gate);
      if (s === 2) return;
      if (s === 1) {
        const from = path.indexOf(gate.id);
        throw new GatingError('GATE_CYCLE', `cyclic reference: ${[...path.slice(from), gate.id].join(' → ')}`, gate.id);
      }
      state.set(gate, 1);
      const deps = [...(gate.parentId !== null ? [gate.parentId] : []), ...gate.references()];
      for (const dep of deps) visit(this.populationGate.get(dep)!, [...path, gate.id]);
      state.set(gate, 2);
      order.push(gate);
    };
    for (const gate of this.gates.values()) visit(gate, []);
    return order;
  }

  /** Throws the first problem found (dangling/cyclic references, unknown transforms or matrices). */
  validate(): void {
    this.topologicalOrder();
  }

  private checkDimension(gateId: string, d: Dimension): void {
    if (d.transform !== undefined) {
      const t = this.transforms.get(d.transform);
      if (!t) throw new GatingError('TRANSFORM_MISSING', `transformation '${d.transform}' is not defined`, gateId);
      if (t.kind === 'ratio') throw new GatingError('GATE_INVALID', `'${d.transform}' is a ratio, not a scale transformation`, gateId);
    }
    if (d.ratio !== undefined) {
      const t = this.transforms.get(d.ratio);
      if (!t) throw new GatingError('TRANSFORM_MISSING', `ratio transformation '${d.ratio}' is not defined`, gateId);
      if (t.kind !== 'ratio') throw new GatingError('GATE_INVALID', `'${d.ratio}' is not an fratio transformation`, gateId);
    }
  }
}
