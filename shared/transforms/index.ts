// Scales per Gating-ML 2.0 section 5, and the one entry point that builds them by name.
import { arcsinh } from './arcsinh';
import { TransformError } from './errors';
import { hyperlog } from './hyperlog';
import { linear } from './linear';
import { log } from './log';
import { logicle } from './logicle';
import type { Transform } from './types';

export type { Transform } from './types';
export { TransformError, type TransformErrorCode } from './errors';
export { linear, type LinearParams } from './linear';
export { log, type LogParams } from './log';
export { arcsinh, type ArcsinhParams } from './arcsinh';
export { logicle, logicleDefaults, logicleExact, logicleCoefficients, logicleFromFlowJoBiex, type LogicleParams, type LogicleCoefficients } from './logicle';
export { hyperlog, type HyperlogParams } from './hyperlog';
export { fratio, type RatioTransform } from './ratio';
export { axisTicks, type AxisTick } from './ticks';
export { setCodeGeneration, codeGenerationEnabled } from './oddInverse';

/** Scale kinds by our name and by the Gating-ML 2.0 element name (flin, flog, fasinh). */
export type TransformKind = 'linear' | 'flin' | 'log' | 'flog' | 'arcsinh' | 'fasinh' | 'asinh' | 'logicle' | 'hyperlog';

export function createTransform(kind: TransformKind | string, params: Readonly<Record<string, number>>): Transform {
  // The constructors validate every parameter themselves (missing, non-finite, out of range).
  const p = params as never;
  switch (kind.toLowerCase()) {
    case 'linear':
    case 'flin':
      return linear(p);
    case 'log':
    case 'flog':
      return log(p);
    case 'arcsinh':
    case 'fasinh':
    case 'asinh':
      return arcsinh(p);
    case 'logicle':
      return logicle(p);
    case 'hyperlog':
      return hyperlog(p);
    default:
      throw new TransformError('TRANSFORM_KIND_UNKNOWN', `unknown scale "${kind}" (expected linear, log, arcsinh, logicle or hyperlog)`, kind);
  }
}
