// Public surface of the FCS engine (framework-free; Node file access lives in electron/backend/fcs).
export { FcsError, isFcsError, type FcsErrorCode } from './errors';
export { parseFcs, listDatasets, type ParseOptions, type DatasetSummary } from './parse';
export { scaledColumn, scaledColumns, rawColumn, timeSeconds, timeStepSeconds, timeParameter, findParameter } from './scale';
export { writeFcs, type WriteFcsInput } from './write';
export { parseCsv, CsvEventsBuilder } from './csv';
export { readSpillover, parseSpilloverString, formatSpillover } from './spillover';
export { bytesSource, toByteSource, type FastByteSource } from './source';
export type { FcsDataset, FcsParameter, Spillover, FcsWarning, ByteSource, ParameterKind } from './types';
