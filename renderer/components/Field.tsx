// A labelled form control with its hint and its error, wired for screen readers: the control
// gets aria-describedby (hint + error) and aria-invalid when the error is shown.
import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const { id, label, hint, error, required } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label so the control's accessible name stays the plain label text;
            aria-required tells assistive technology instead. */}
        {required ? <span className="field__required" aria-hidden="true">*</span> : null}
      </div>
      {props.children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required || undefined })}
      {hint ? <p id={hintId} className="field__hint">{hint}</p> : null}
      {error ? <p id={errorId} className="field__error">{error}</p> : null}
    </div>
  );
}
