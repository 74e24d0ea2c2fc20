// Builds the shared/transforms implementations from a strategy's transformation definitions.
import { arcsinh } from '../transforms/arcsinh';
import { hyperlog } from '../transforms/hyperlog';
import { linear } from '../transforms/linear';
import { log } from '../transforms/log';
import { logicle } from '../transforms/logicle';
import { fratio, type RatioTransform } from '../transforms/ratio';
import type { Transform } from '../transforms/types';
import { GatingError } from './errors';
import type { TransformDef } from './strategy';

/** The scale for a non-ratio definition; parameter limits violations become TRANSFORM_INVALID. */
export function makeScale(def: TransformDef): Transform {
  const p = def.params;
  return wrap(def, () => {
    switch (def.kind) {
      case 'linear': return linear({ T: p.T!, A: p.A! });
      case 'log': return log({ T: p.T!, M: p.M! });
      case 'arcsinh': return arcsinh({ T: p.T!, M: p.M!, A: p.A! });
      case 'logicle': return logicle({ T: p.T!, W: p.W!, M: p.M!, A: p.A! });
      case 'hyperlog': return hyperlog({ T: p.T!, W: p.W!, M: p.M!, A: p.A! });
      default: throw new GatingError('TRANSFORM_INVALID', `transformation '${def.id}' is a ${def.kind}, not a scale`);
    }
  });
}

export function makeRatio(def: TransformDef): RatioTransform {
  if (def.kind !== 'ratio') throw new GatingError('TRANSFORM_INVALID', `transformation '${def.id}' is not an fratio`);
  return wrap(def, () => fratio(def.params.A!, def.params.B!, def.params.C!));
}

function wrap<T>(def: TransformDef, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof GatingError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new GatingError('TRANSFORM_INVALID', `transformation '${def.id}': ${msg}`);
  }
}
