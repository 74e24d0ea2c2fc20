// plotly.js-dist-min ships no types; only what the renderer uses. Typed arrays are accepted
// wherever plotly takes data arrays (plotly.js lib/is_array: isArrayOrTypedArray).
declare module 'plotly.js-dist-min' {
  type Data = Record<string, unknown>;
  /** A plot root after Plotly.react: plotly adds an event emitter to the element. */
  export interface PlotlyElement extends HTMLElement {
    on(event: 'plotly_relayout', handler: (update: Record<string, unknown>) => void): void;
    removeAllListeners?(event: string): void;
  }
  interface PlotlyStatic {
    react(root: HTMLElement, data: Data[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<PlotlyElement>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
