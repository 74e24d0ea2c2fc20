// plotly.js-dist-min ships no types; only what the renderer uses. Typed arrays are accepted
// wherever plotly takes data arrays (plotly.js lib/is_array: isArrayOrTypedArray).
declare module 'plotly.js-dist-min' {
  type Data = Record<string, unknown>;
  interface PlotlyStatic {
    react(root: HTMLElement, data: Data[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
