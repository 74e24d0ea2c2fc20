// The hot loop of compensation: out_j[e] = sum_i raw[e*stride + channel_i] * inverse[i][j].
//
// A generic double loop over i and j costs ~100 ms for 1M events x 8 channels here: V8 keeps the
// n*n coefficients in a typed array and the n partial sums in memory. A kernel generated once per
// channel count n — coefficients and sums in locals (registers), the row read once — runs the same
// work in ~30 ms. The generated source depends only on n (never on data, names or matrix values:
// those are passed as arguments), so nothing user-supplied is ever compiled. Where code generation
// is forbidden (a renderer with a strict Content-Security-Policy) the generic loop is used.

export type Kernel = (
  events: ArrayLike<number>,
  stride: number,
  channels: Int32Array,
  inverse: Float64Array,
  out: Float64Array[],
  eventCount: number,
) => void;

/** Portable fallback: same arithmetic order as the generated kernel (sum over i ascending). */
export const genericKernel: Kernel = (events, stride, channels, inverse, out, eventCount) => {
  const n = channels.length;
  const row = new Float64Array(n);
  for (let e = 0, base = 0; e < eventCount; e++, base += stride) {
    for (let i = 0; i < n; i++) row[i] = events[base + channels[i]];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += row[i] * inverse[i * n + j];
      out[j][e] = s;
    }
  }
};

/** Above this the unrolled body (n*n terms) stops paying for itself and compiles slowly. */
const MAX_GENERATED = 24;
// Keyed by n and by the element type of `events`: one compiled copy per use keeps each
// call site monomorphic (a kernel fed both Float32Array and Float64Array rows deoptimises).
const generated = new Map<string, Kernel | null>();

function generate(n: number): Kernel | null {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`const c${i} = channels[${i}];`);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lines.push(`const m${i}_${j} = inverse[${i * n + j}];`);
  for (let j = 0; j < n; j++) lines.push(`const o${j} = out[${j}];`);
  lines.push('for (let e = 0, b = 0; e < eventCount; e++, b += stride) {');
  for (let i = 0; i < n; i++) lines.push(`  const r${i} = events[b + c${i}];`);
  for (let j = 0; j < n; j++) {
    const terms: string[] = [];
    for (let i = 0; i < n; i++) terms.push(`r${i} * m${i}_${j}`);
    lines.push(`  o${j}[e] = ${terms.join(' + ')};`);
  }
  lines.push('}');
  try {
    return new Function('events', 'stride', 'channels', 'inverse', 'out', 'eventCount', lines.join('\n')) as Kernel;
  } catch {
    return null;
  }
}

export function kernelFor(n: number, rows: 'float32' | 'float64' = 'float32'): Kernel {
  if (n > MAX_GENERATED) return genericKernel;
  const key = `${rows}:${n}`;
  let k = generated.get(key);
  if (k === undefined) {
    k = generate(n);
    generated.set(key, k);
  }
  return k ?? genericKernel;
}
