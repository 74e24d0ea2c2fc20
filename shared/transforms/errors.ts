// Typed errors for scale (transform) construction. Parameter limits follow Gating-ML 2.0
// (Spidlen et al. 2015, section 5): T > 0, M > 0, and per transform the W and A ranges below.
export type TransformErrorCode =
  | 'TRANSFORM_PARAM_MISSING'
  | 'TRANSFORM_PARAM_NOT_FINITE'
  | 'TRANSFORM_PARAM_RANGE'
  | 'TRANSFORM_KIND_UNKNOWN';

export class TransformError extends Error {
  readonly code: TransformErrorCode;
  /** The parameter at fault ('T', 'W', 'M', 'A', 'B', 'C') or the kind for TRANSFORM_KIND_UNKNOWN. */
  readonly param: string;

  constructor(code: TransformErrorCode, message: string, param: string) {
    super(message);
    this.name = 'TransformError';
    this.code = code;
    this.param = param;
  }
}

/** Reads one numeric parameter and refuses missing or non-finite values with the parameter named. */
export function requireParam(kind: string, params: Readonly<Record<string, unknown>>, name: string, fallback?: number): number {
  const raw = params[name];
  if (raw === undefined || raw === null) {
    if (fallback !== undefined) return fallback;
    throw new TransformError('TRANSFORM_PARAM_MISSING', `${kind}: parameter ${name} is required`, name);
  }
  const value = typeof raw === 'number' ? raw : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new TransformError('TRANSFORM_PARAM_NOT_FINITE', `${kind}: parameter ${name} must be a finite number (got ${String(raw)})`, name);
  }
  return value;
}

export function rangeError(kind: string, param: string, rule: string, value: number): TransformError {
  return new TransformError('TRANSFORM_PARAM_RANGE', `${kind}: ${rule} (got ${param}=${value})`, param);
}
