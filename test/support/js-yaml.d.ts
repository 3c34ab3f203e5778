/** js-yaml (electron-updater's and electron-builder's YAML reader) ships no types: the one call the tests make. */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
