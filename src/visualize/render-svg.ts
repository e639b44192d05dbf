/**
 * DOT to SVG through Graphviz compiled to WebAssembly (`@viz-js/viz`), fully
 * offline. The WASM instance is created once per process (~40 ms) and then
 * renders in a few milliseconds.
 */
import { instance, type Viz } from '@viz-js/viz';
import { VisualizeRenderError } from './visualize-errors';

let vizInstance: Promise<Viz> | undefined;

function viz(): Promise<Viz> {
  vizInstance ??= instance().catch((err: unknown) => {
    vizInstance = undefined;
    throw err;
  });
  return vizInstance;
}

/**
 * Renders DOT text to an SVG document.
 *
 * @param machineId names the machine in an error.
 * @throws VisualizeRenderError when Graphviz reports an error.
 */
export async function renderSvg(dot: string, machineId: string): Promise<string> {
  const result = (await viz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new VisualizeRenderError(machineId, result.errors.filter((e) => e.level !== 'warning').map((e) => e.message.trim()));
  }
  return result.output;
}
