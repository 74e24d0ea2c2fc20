// A synthetic tube as FCS 3.1 bytes (shared/fcs/write.ts), SPILL included, so tests, benchmarks
// and demo data go through the same parse → compensate path as real files.
import { writeFcs } from '../fcs/write';
import type { SyntheticTube } from './alot';

export function tubeToFcs(tube: SyntheticTube): Uint8Array {
  return writeFcs({ parameters: tube.parameters, events: tube.events, keywords: tube.keywords, spillover: tube.spillover });
}
