// Hash routes: they work unchanged from file:// (Electron) and from the web-mode server, and
// need no server-side fallback. Pure functions so they are tested without a browser.
export type Route =
  | { name: 'worklist' }
  | { name: 'intake' }
  | { name: 'sample'; id: number }
  | { name: 'notFound'; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/samples') return { name: 'worklist' };
  if (path === '/samples/new') return { name: 'intake' };
  const m = /^\/samples\/(\d{1,15})$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'sample', id };
  }
  return { name: 'notFound', hash };
}

export function routeHref(route: Exclude<Route, { name: 'notFound' }>): string {
  switch (route.name) {
    case 'worklist':
      return '#/samples';
    case 'intake':
      return '#/samples/new';
    case 'sample':
      return `#/samples/${route.id}`;
  }
}
