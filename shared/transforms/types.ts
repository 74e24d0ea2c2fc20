// Scales per Gating-ML 2.0 (Spidlen et al., Cytometry A 2015;87:683–687, section 5.x):
// each transform maps a data value to display scale (usually 0..1 over the "top of scale" T)
// and back. Array forms fill Float64Array for gating precision.
export interface Transform {
  readonly kind: 'linear' | 'log' | 'arcsinh' | 'logicle' | 'hyperlog' | 'ratio' | string;
  /** Parameters as written (T, W, M, A …) for display, audit and Gating-ML export. */
  readonly params: Readonly<Record<string, number>>;
  apply(x: number): number;
  inverse(y: number): number;
  applyArray(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  inverseArray(y: ArrayLike<number>, out?: Float64Array): Float64Array;
}
