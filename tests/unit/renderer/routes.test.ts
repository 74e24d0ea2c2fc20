import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/app/routes';

describe('parseRoute', () => {
  it('opens the worklist for an empty hash', () => {
    expect(parseRoute('')).toEqual({ name: 'worklist' });
  });

  it('reads a sample id from #/samples/<id>', () => {
    expect(parseRoute('#/samples/42')).toEqual({ name: 'sample', id: 42 });
  });

  it('opens the intake form for #/samples/new', () => {
    expect(parseRoute('#/samples/new')).toEqual({ name: 'intake' });
  });

  it('treats an unknown path as not found', () => {
    expect(parseRoute('#/samples/abc').name).toBe('notFound');
    expect(parseRoute('#/samples/0').name).toBe('notFound');
  });

  it('round-trips every route through its href', () => {
    for (const r of [{ name: 'worklist' }, { name: 'intake' }, { name: 'sample', id: 7 }] as const)
      expect(parseRoute(routeHref(r))).toEqual(r);
  });
});
