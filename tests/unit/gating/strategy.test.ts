import { describe, expect, it } from 'vitest';
import { BooleanGate } from '../../../shared/gating/gates/boolean';
import { QuadrantGate } from '../../../shared/gating/gates/quadrant';
import { RectangleGate } from '../../../shared/gating/gates/rectangle';
import { GatingStrategy } from '../../../shared/gating/strategy';

const rect = (id: string, parentId?: string): RectangleGate =>
  new RectangleGate({ id, ...(parentId ? { parentId } : {}), dimensions: [{ channel: 'FSC-A', min: 0 }] });

describe('GatingStrategy', () => {
  it('orders gates after their parents even when children are added first', () => {
    const s = new GatingStrategy().addGate(rect('blasts', 'cd45')).addGate(rect('cd45', 'cells')).addGate(rect('cells'));
    expect(s.topologicalOrder().map((g) => g.id)).toEqual(['cells', 'cd45', 'blasts']);
  });

  it('refuses a parent reference to a gate that does not exist, naming the gate', () => {
    const s = new GatingStrategy().addGate(rect('blasts', 'leukocytes'));
    expect(() => s.validate()).toThrow(expect.objectContaining({ code: 'GATE_DANGLING_REF', gateId: 'blasts' }));
  });

  it('refuses a cycle of parent references and shows the cycle', () => {
    const s = new GatingStrategy().addGate(rect('a', 'c')).addGate(rect('b', 'a')).addGate(rect('c', 'b'));
    expect(() => s.validate()).toThrow(expect.objectContaining({ code: 'GATE_CYCLE', message: expect.stringMatching(/a → c → b → a|b → a → c → b|c → b → a → c/) }));
  });

  it('refuses a cycle through boolean operands', () => {
    const s = new GatingStrategy()
      .addGate(new BooleanGate({ id: 'x', op: 'not', operands: [{ ref: 'y' }] }))
      .addGate(new BooleanGate({ id: 'y', op: 'not', operands: [{ ref: 'x' }] }));
    expect(() => s.validate()).toThrow(expect.objectContaining({ code: 'GATE_CYCLE' }));
  });

  it('refuses a gate that is its own parent', () => {
    expect(() => rect('self', 'self')).toThrow(expect.objectContaining({ code: 'GATE_CYCLE', gateId: 'self' }));
  });

  it('refuses two gates with one id', () => {
    expect(() => new GatingStrategy().addGate(rect('a')).addGate(rect('a'))).toThrow(expect.objectContaining({ code: 'GATE_DUPLICATE_ID', gateId: 'a' }));
  });

  it('refuses a quadrant id that is already a gate id', () => {
    const q = new QuadrantGate({ id: 'Q', dividers: [{ id: 'd', dimension: { channel: 'x' }, values: [0] }], quadrants: [{ id: 'a', positions: [{ divider: 'd', location: 1 }] }] });
    expect(() => new GatingStrategy().addGate(rect('a')).addGate(q)).toThrow(expect.objectContaining({ code: 'GATE_DUPLICATE_ID' }));
  });

  it('lets a gate have a quadrant as its parent', () => {
    const q = new QuadrantGate({ id: 'Q', dividers: [{ id: 'd', dimension: { channel: 'x' }, values: [0] }], quadrants: [{ id: 'pos', positions: [{ divider: 'd', location: 1 }] }] });
    const s = new GatingStrategy().addGate(rect('child', 'pos')).addGate(q);
    expect(s.topologicalOrder().map((g) => g.id)).toEqual(['Q', 'child']);
    expect(s.childrenOf('pos')).toEqual(['child']);
  });

  it('refuses a dimension whose transformation is not defined', () => {
    const s = new GatingStrategy().addGate(new RectangleGate({ id: 'g', dimensions: [{ channel: 'x', transform: 'Logicle1', min: 0 }] }));
    expect(() => s.validate()).toThrow(expect.objectContaining({ code: 'TRANSFORM_MISSING', gateId: 'g' }));
  });

  it('refuses transformation parameters outside the Gating-ML limits', () => {
    expect(() => new GatingStrategy().addTransform({ id: 'bad', kind: 'logicle', params: { T: 262144, W: 3, M: 4.5, A: 0 } }))
      .toThrow(expect.objectContaining({ code: 'TRANSFORM_INVALID', message: expect.stringContaining("'bad'") }));
  });
});
