// One error type for everything the gating engine refuses: bad Gating-ML, dangling or cyclic
// parent references, gates on channels the file lacks, degenerate geometry, singular matrices.
// `code` is stable (tests and the CLI print it), `gateId` names the gate when there is one.
export type GatingErrorCode =
  | 'GATINGML_XML'          // not well-formed XML, or not a Gating-ML 2.0 document
  | 'GATINGML_UNKNOWN'      // an element or value the standard does not define here
  | 'GATINGML_INVALID'      // an element the standard defines, with missing or bad content
  | 'GATE_DUPLICATE_ID'
  | 'GATE_DANGLING_REF'     // parent or boolean reference to an id that does not exist
  | 'GATE_CYCLE'
  | 'GATE_INVALID'          // degenerate polygon, bad bounds, wrong dimension count …
  | 'MATRIX_SINGULAR'
  | 'CHANNEL_MISSING'
  | 'TRANSFORM_MISSING'
  | 'TRANSFORM_INVALID'     // parameters outside the Gating-ML limits
  | 'COMPENSATION_MISSING'
  | 'STATS_INVALID';

export class GatingError extends Error {
  override name = 'GatingError';
  readonly code: GatingErrorCode;
  readonly gateId?: string;

  constructor(code: GatingErrorCode, message: string, gateId?: string) {
    super(gateId !== undefined ? `gate '${gateId}': ${message}` : message);
    this.code = code;
    if (gateId !== undefined) this.gateId = gateId;
  }
}
