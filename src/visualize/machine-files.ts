/**
 * The diagram files of a set of machines, in memory: what `catapult visualize`
 * writes and what `visualizations/machines/` holds for the built-in machines.
 */
import type { AnyStateMachine } from 'xstate';
import { appMachine, frameworkMachine, nodeMachine } from '../../machines';
import { DIAGRAM_EXTENSIONS, renderMachine, type DiagramFormat, DIAGRAM_FORMATS } from './render-machine';
import type { MachineLike } from './state-diagram';

/** The names of catapult's own machines. */
export const BUILTIN_MACHINE_NAMES = ['node', 'app', 'framework'] as const;
export type BuiltinMachineName = (typeof BUILTIN_MACHINE_NAMES)[number];

/** catapult's own machines, by name. */
export const BUILTIN_MACHINES: Readonly<Record<BuiltinMachineName, AnyStateMachine>> = Object.freeze({
  node: nodeMachine as unknown as AnyStateMachine,
  app: appMachine as unknown as AnyStateMachine,
  framework: frameworkMachine as unknown as AnyStateMachine,
});

/** A machine to draw and the base name of its files. */
export interface NamedMachine {
  name: string;
  machine: MachineLike;
}

/** One generated file: a name relative to the output directory and its text. */
export interface DiagramFile {
  fileName: string;
  content: string;
}

/** Where the committed diagrams of the built-in machines live, relative to the package root. */
export const BUILTIN_VISUALIZATIONS_DIR = 'visualizations/machines';

/** The banner of a generated diagram file. */
export function diagramBanner(name: string): string {
  return `Generated from the "${name}" machine definition by \`catapult visualize\`. Do not edit; run node scripts/gen-visualizations.js.`;
}

/**
 * Renders every machine in every format, in a stable order (machines as
 * given, formats as given). Each file starts with a "do not edit" banner.
 */
export async function renderMachineFiles(machines: readonly NamedMachine[], formats: readonly DiagramFormat[]): Promise<DiagramFile[]> {
  const files: DiagramFile[] = [];
  for (const { name, machine } of machines) {
    for (const format of formats) {
      const content = await renderMachine(machine, format, { banner: diagramBanner(name) });
      files.push({ fileName: `${name}.${DIAGRAM_EXTENSIONS[format]}`, content });
    }
  }
  return files;
}

/**
 * The files of `visualizations/machines/`: the built-in machines in every format.
 *
 * @example
 * for (const f of await builtinVisualizationFiles()) writeFileSync(join(dir, f.fileName), f.content);
 */
export function builtinVisualizationFiles(): Promise<DiagramFile[]> {
  const machines = BUILTIN_MACHINE_NAMES.map((name) => ({ name, machine: BUILTIN_MACHINES[name] }));
  return renderMachineFiles(machines, DIAGRAM_FORMATS);
}
