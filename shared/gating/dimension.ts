// A gate dimension, as Gating-ML 2.0 (Spidlen et al. 2015, section 3.3) writes it: one measured
// channel (`fcs-dimension`) or one ratio of two channels (`new-dimension` referring to an
// `fratio`), seen through a compensation (`compensation-ref`) and then a scale
// (`transformation-ref`). Order of operations: compensate → ratio → transform.

/** `compensation-ref` values with a fixed meaning (Gating-ML 2.0 section 3.3.2). */
export const UNCOMPENSATED = 'uncompensated';
/** The spillover matrix stored in the FCS file itself ($SPILLOVER / SPILL). */
export const FCS_COMPENSATION = 'FCS';

export interface Dimension {
  /**
   * Channel: $PnN first, then $PnS (marker), case-insensitively; for a dimension compensated by a
   * named spectrum matrix, a fluorochrome of that matrix (e.g. 'FITC'). Exactly one of
   * `channel` and `ratio`.
   */
  channel?: string;
  /** Id of an `fratio` transform of the strategy: the dimension is a ratio of two channels. */
  ratio?: string;
  /** 'uncompensated' (default), 'FCS', or the id of a spillover/spectrum matrix. */
  compensation?: string;
  /** Id of a scale transform of the strategy (logicle, arcsinh, log, linear, hyperlog). */
  transform?: string;
}

/** Stable cache key: two dimensions with the same key produce the same column. */
export function dimensionKey(d: Dimension): string {
  const what = d.ratio !== undefined ? `ratio:${d.ratio}` : `ch:${d.channel ?? ''}`;
  return `${d.compensation ?? UNCOMPENSATED}|${what}|${d.transform ?? ''}`;
}

/** Human label for messages: "FL1-H (MySpill, Logicle_1)". */
export function dimensionLabel(d: Dimension): string {
  const what = d.ratio !== undefined ? `ratio ${d.ratio}` : (d.channel ?? '?');
  const extra = [d.compensation ?? UNCOMPENSATED, d.transform].filter(Boolean).join(', ');
  return `${what} (${extra})`;
}
