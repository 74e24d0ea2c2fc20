// Attach an FCS file to the sample: choose it (keyboard: the file input) or drop it on the zone.
// Two steps with visible progress: transfer (upload), then the backend reads and validates it
// (tubes.import). Errors show the backend's code and message.
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Tube } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { ErrorMessage, toApiError } from '../../components/ErrorMessage';

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; name: string; fraction: number | null }
  | { step: 'processing'; name: string }
  | { step: 'done'; name: string }
  | { step: 'failed'; name: string; error: ApiError };

export function FcsImport({ sampleId, onImported }: { sampleId: number; onImported: (tube: Tube) => void }) {
  const { t } = useTranslation();
  const transport = useTransport();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [dragOver, setDragOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = phase.step === 'uploading' || phase.step === 'processing';

  async function importFile(file: File) {
    const name = file.name;
    setPhase({ step: 'uploading', name, fraction: 0 });
    try {
      const { uploadId } = await transport.upload(file, (fraction) => setPhase({ step: 'uploading', name, fraction }));
      setPhase({ step: 'processing', name });
      const r = await transport.call('tubes.import', { sampleId, uploadId });
      if (!r.ok) {
        setPhase({ step: 'failed', name, error: r.error });
        return;
      }
      setPhase({ step: 'done', name });
      onImported(r.value);
    } catch (err) {
      setPhase({ step: 'failed', name, error: toApiError(err) });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) void importFile(file);
  }

  return (
    <div className="import">
      <div
        className={`dropzone${dragOver ? ' dropzone--over' : ''}${busy ? ' dropzone--busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        data-testid="fcs-dropzone"
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-4 4m4-4 4 4M5 16v3h14v-3" />
        </svg>
        <span>{t('fcsImport.dropHint')} </span>
        <label className="dropzone__choose">
          {t('fcsImport.choose')}
          <input
            ref={inputRef}
            className="visually-hidden"
            type="file"
            accept=".fcs,.lmd,.FCS,.LMD,application/octet-stream"
            aria-label={t('fcsImport.fileLabel')}
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      <div className="import__status" aria-live="polite">
        {phase.step === 'uploading' ? (
          <>
            <span>{t('fcsImport.uploading', { name: phase.name, percent: Math.round((phase.fraction ?? 0) * 100) })}</span>
            <progress max={1} value={phase.fraction ?? undefined} aria-label={t('fcsImport.title')} />
          </>
        ) : null}
        {phase.step === 'processing' ? (
          <>
            <span>{t('fcsImport.processing', { name: phase.name })}</span>
            <progress aria-label={t('fcsImport.title')} />
          </>
        ) : null}
        {phase.step === 'done' ? <span className="ok-text">{t('fcsImport.done', { name: phase.name })}</span> : null}
      </div>
      {phase.step === 'failed' ? <ErrorMessage title={t('fcsImport.failed', { name: phase.name })} error={phase.error} /> : null}
    </div>
  );
}
