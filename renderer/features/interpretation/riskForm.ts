// The risk-group form as strings (what the inputs hold) → the risk input of shared/clinical/risk.ts.
// Blank means "not known yet": the field is left out, and the engine reports the stage as pending.
import type { RiskInput } from '../../../shared/clinical/risk';

export interface RiskFormValues {
  dnaIndex: string;
  etv6Runx1: '' | 'yes' | 'no';
  bcrAbl1: '' | 'yes' | 'no';
  mrdDay19Percent: string;
  mrdEndInductionPercent: string;
  ageYears: string;
  wbcPer1e9L: string;
  cnsStatus: '' | 'CNS1' | 'CNS2' | 'CNS3';
  lineage: '' | 'B' | 'T';
}

export const emptyRiskForm = (): RiskFormValues => ({
  dnaIndex: '', etv6Runx1: '', bcrAbl1: '', mrdDay19Percent: '', mrdEndInductionPercent: '', ageYears: '', wbcPer1e9L: '', cnsStatus: '', lineage: '',
});

/** Decimal comma or point, as typed on a Mexican keyboard ("0,05" or "0.05"). */
function num(s: string): number | undefined {
  const v = s.trim().replace(',', '.');
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

export function toRiskInput(v: RiskFormValues): RiskInput {
  const out: Record<string, unknown> = {};
  const setNum = (k: keyof RiskFormValues) => { const n = num(v[k]); if (n !== undefined) out[k] = n; };
  setNum('dnaIndex');
  setNum('mrdDay19Percent');
  setNum('mrdEndInductionPercent');
  setNum('ageYears');
  setNum('wbcPer1e9L');
  if (v.etv6Runx1) out.etv6Runx1 = v.etv6Runx1 === 'yes';
  if (v.bcrAbl1) out.bcrAbl1 = v.bcrAbl1 === 'yes';
  if (v.cnsStatus) out.cnsStatus = v.cnsStatus;
  if (v.lineage) out.lineage = v.lineage;
  return out as RiskInput;
}
