// Display formatting, pure (tested in tests/unit/renderer). Dates are stored as ISO 8601 UTC and
// shown in the workstation's local time zone.

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** `<input type="datetime-local">` value ("2026-11-26T08:30") in local time → ISO 8601 UTC. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value); // no zone designator: parsed as local time (ECMA-262 Date.parse)
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A Date → the local-time value a datetime-local input expects, minutes precision. */
export function dateToLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
