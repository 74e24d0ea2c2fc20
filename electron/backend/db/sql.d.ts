// SQL migration files are imported as text: `?raw` is native in Vite/vitest, and
// scripts/build.mjs resolves the same suffix with esbuild's text loader.
declare module '*.sql?raw' {
  const text: string;
  export default text;
}
