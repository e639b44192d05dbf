/**
 * Diagrams from machine definitions, offline: a machine becomes DOT or
 * Mermaid text, and SVG through Graphviz compiled to WebAssembly.
 *
 * @example
 * import { renderMachine } from './visualize';
 * const svg = await renderMachine(nodeMachine, 'svg', { highlight: { active: snapshot.value } });
 */
export { renderMachine, DIAGRAM_FORMATS, DIAGRAM_EXTENSIONS } from './render-machine';
export type { DiagramFormat, RenderMachineOptions } from './render-machine';
export { stateDiagramOf, diagramStates } from './state-diagram';
export type { StateDiagram, DiagramState, DiagramEdge, StateKind, MachineLike } from './state-diagram';
export { toDot } from './to-dot';
export type { DotOptions } from './to-dot';
export { toMermaid } from './to-mermaid';
export type { MermaidOptions } from './to-mermaid';
export { renderSvg } from './render-svg';
export { resolveHighlight, DEFAULT_HIGHLIGHT_FILL, DEFAULT_HIGHLIGHT_FONT } from './highlight';
export type { Highlight, ActiveStates, StateValueLike, LitStates } from './highlight';
export { guardLabel } from './guard-label';
export {
  BUILTIN_MACHINES,
  BUILTIN_MACHINE_NAMES,
  BUILTIN_VISUALIZATIONS_DIR,
  builtinVisualizationFiles,
  renderMachineFiles,
  diagramBanner,
} from './machine-files';
export type { BuiltinMachineName, NamedMachine, DiagramFile } from './machine-files';
export { loadMachineModule, isStateMachine } from './load-machine-module';
export { parseVisualizeArgs, VISUALIZE_USAGE, DEFAULT_OUT_DIR } from './visualize-args';
export type { VisualizeArgs, MachineRef } from './visualize-args';
export { VisualizeUnknownStateError, VisualizeRenderError, VisualizeModuleError, VisualizeUsageError } from './visualize-errors';
