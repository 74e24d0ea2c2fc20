// Security headers shared by web mode (every HTTP response) and Electron (the app:// protocol
// responses and a session-wide header): a strict Content Security Policy — our own scripts only,
// no eval, no remote content. style-src allows inline styles because plotly.js injects <style>
// elements at run time (no script can be injected through a style attribute).
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES).map(([k, v]) => `${k} ${v}`).join('; ');

/** Headers on every web-mode response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=()',
};

/** Loopback addresses the server accepts connections from. */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * Host header check against DNS rebinding: a page on evil.example resolving to 127.0.0.1 still
 * sends "Host: evil.example", which is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  // Browsers omit the default port 80 from Host.
  const hosts = port === 80 ? ['127.0.0.1', 'localhost', '[::1]'] : [];
  return h === `127.0.0.1:${port}` || h === `localhost:${port}` || h === `[::1]:${port}` || hosts.includes(h);
}

/** Origin check (sent by browsers on POST and cross-origin requests): only our own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number, extra: readonly string[] = []): boolean {
  if (origin === undefined) return true; // same-origin GET navigations and non-browser clients
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}` || o === `http://[::1]:${port}` || extra.includes(o);
}
