import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { esMX } from '../../../renderer/i18n/es-MX';

async function translator(lng: string) {
  const i = i18next.createInstance();
  await i.init({ resources: { 'es-MX': { translation: esMX }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return i.t.bind(i);
}

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
}

describe('renderer translations', () => {
  it('have the same keys in Spanish and English', () => {
    expect(keys(en).sort()).toEqual(keys(esMX).sort());
  });

  it.each(['es-MX', 'en'])('resolve the event count for 0, 1, 2 and one million events in %s', async (lng) => {
    const t = await translator(lng);
    for (const count of [0, 1, 2, 1_000_000]) {
      const text = t('plot.events', { count, formatted: String(count) });
      expect(text).not.toBe('plot.events');
      expect(text).toContain(String(count));
    }
  });

  it('say "eventos" for a million events in Spanish', async () => {
    const t = await translator('es-MX');
    expect(t('plot.events', { count: 1_000_000, formatted: '1,000,000' })).toBe('1,000,000 eventos');
  });
});
