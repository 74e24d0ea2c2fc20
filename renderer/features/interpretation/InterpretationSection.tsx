// What the sample page shows of the clinical interpretation: the ALOT lineage panel for the chosen
// tube and the risk-group panel for the sample. Only the roles allowed to interpret see them
// (the backend enforces the same roles on every call).
import type { StudyType, Tube } from '../../../shared/api/contract';
import { contract } from '../../../shared/api/contract';
import { useSession } from '../../app/context';
import { LineagePanel } from './LineagePanel';
import { RiskPanel } from './RiskPanel';
import { MrdPanel } from './MrdPanel';

export function InterpretationSection({ sampleId, studyType, tube, onChanged }: {
  sampleId: number; studyType: StudyType; tube: Tube | null; onChanged?: () => void;
}) {
  const { user } = useSession();
  const roles = contract['interpretation.list'].roles;
  if (roles !== 'any' && roles !== 'public' && !roles.includes(user.role)) return null;
  return (
    <>
      {/* Lineage orientation is a diagnosis (or relapse) question; MRD a follow-up one. */}
      {tube && studyType !== 'mrd_d19' && studyType !== 'mrd_eoi' ? <LineagePanel key={tube.id} tube={tube} {...(onChanged ? { onDecided: onChanged } : {})} /> : null}
      {studyType !== 'diagnosis' ? <MrdPanel sampleId={sampleId} tube={tube} /> : null}
      <RiskPanel sampleId={sampleId} />
    </>
  );
}
