// js-yaml ships without types; electron-builder depends on it, the packaging test only needs load().
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
