export { generateAlotTube, generateMrdTube, POP } from './alot';
export type { AlotTubeOptions, MrdTubeOptions, SyntheticTube, SyntheticTruth, SyntheticCategory, Instrument, PopulationName } from './alot';
export { mrdGatingML, MRD_GATE_IDS } from './mrd-gates';
export { tubeToFcs } from './fcs';
export { createRng, type Rng } from './prng';
