// An API error as the user sees it: a plain-language line for the error code (localized), then
// the backend's code and message verbatim (what support and the audit trail refer to), announced
// to screen readers.
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/contract';

export function ErrorMessage({ error, title, lead }: { error: ApiError | null; title?: string; lead?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const plain = lead ?? t(`errors.codes.${error.code}`, { defaultValue: '' });
  return (
    <div className="alert alert--error" role="alert">
      {title ? <strong className="alert__title">{title}</strong> : null}
      {plain ? <span>{plain}</span> : null}
      <span className={plain ? 'alert__detail' : undefined}>{t('errors.withCode', { code: error.code, message: error.message })}</span>
    </div>
  );
}

/** Normalise anything thrown (ApiCallError, TypeError from fetch …) into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err)
    return { code: String((err as ApiError).code), message: String((err as ApiError).message), field: (err as ApiError).field };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
