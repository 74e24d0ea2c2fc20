// The gating engine: Gating-ML 2.0 gates on FCS data, as bit sets, with statistics.
export { BitSet, popcount } from './bitset';
export { GatingError, type GatingErrorCode } from './errors';
export { FCS_COMPENSATION, UNCOMPENSATED, dimensionKey, dimensionLabel, type Dimension } from './dimension';
export { Gate, GeometricGate, type GateOptions, type GateType } from './gates/gate';
export { RectangleGate, type RectangleDimension, type RectangleGateOptions } from './gates/rectangle';
export { PolygonGate, type PolygonGateOptions } from './gates/polygon';
export { EllipsoidGate, type EllipsoidGateOptions } from './gates/ellipsoid';
export { QuadrantGate, type Quadrant, type QuadrantDivider, type QuadrantGateOptions } from './gates/quadrant';
export { BooleanGate, type BooleanOp, type BooleanOperand, type BooleanGateOptions } from './gates/boolean';
export { GatingStrategy, type SpilloverDef, type TransformDef, type TransformKind } from './strategy';
export { ColumnResolver, type ChannelSource, type ColumnOptions } from './columns';
export {
  evaluate, evaluateOnColumns, evaluateWith, datasetResolver, channelIndex,
  type EvaluateOptions, type GatingResult, type Population,
} from './evaluate';
export {
  populationStats, scaleStats, percentile,
  type ChannelStats, type PopulationStats, type PopulationStatsOptions, type ScaleStats,
} from './stats';
export { readGatingML } from './gatingml/read';
export { writeGatingML } from './gatingml/write';
