// An API error as the user sees it: the backend's code and message, announced to screen readers.
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/contract';

export function ErrorMessage({ error, title }: { error: ApiError | null; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {title ? <strong className="alert__title">{title}</strong> : null}
      <span>{t('errors.withCode', { code: error.code, message: error.message })}</span>
    </div>
  );
}

/** Normalise anything thrown (ApiCallError, TypeError from fetch …) into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err)
    return { code: String((err as ApiError).code), message: String((err as ApiError).message), field: (err as ApiError).field };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
