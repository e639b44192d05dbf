/**
 * Loads a user's module and finds the state machine(s) it exports, so that a
 * customized machine can be drawn like the built-in ones.
 */
import { basename, extname, resolve } from 'node:path';
import type { NamedMachine } from './machine-files';
import type { MachineLike } from './state-diagram';
import { VisualizeModuleError } from './visualize-errors';

/**
 * True for an xstate StateMachine. Checked by shape rather than `instanceof`,
 * because a user's module may load its own copy of xstate.
 */
export function isStateMachine(value: unknown): value is MachineLike {
  if (value === null || typeof value !== 'object') return false;
  const m = value as { id?: unknown; root?: { states?: unknown; transitions?: unknown }; transition?: unknown; getInitialSnapshot?: unknown };
  return (
    typeof m.id === 'string' &&
    typeof m.transition === 'function' &&
    typeof m.getInitialSnapshot === 'function' &&
    typeof m.root === 'object' &&
    m.root !== null &&
    typeof m.root.states === 'object' &&
    m.root.transitions instanceof Map
  );
}

/**
 * The machines a module exports: its default export or its `machine` export
 * if either is a machine, otherwise every export that is one (named after
 * the export). A single machine is named after the module file.
 *
 * @param modulePath resolved from `cwd`.
 * @throws VisualizeModuleError when the module cannot be loaded or exports no machine.
 */
export function loadMachineModule(modulePath: string, cwd: string = process.cwd()): NamedMachine[] {
  const absolute = resolve(cwd, modulePath);
  let exported: Record<string, unknown>;
  try {
    exported = require(absolute) as Record<string, unknown>;
  } catch (err) {
    throw new VisualizeModuleError(modulePath, `loading it failed (${(err as Error).message.split('\n')[0]})`, err);
  }
  const fileName = basename(absolute, extname(absolute));
  if (isStateMachine(exported)) return [{ name: fileName, machine: exported }];
  for (const key of ['default', 'machine']) {
    const candidate = exported?.[key];
    if (isStateMachine(candidate)) return [{ name: fileName, machine: candidate }];
  }
  const named = Object.entries(exported ?? {}).filter(([, value]) => isStateMachine(value)) as Array<[string, MachineLike]>;
  if (named.length === 0) throw new VisualizeModuleError(modulePath, 'it exports no xstate state machine');
  if (named.length === 1) return [{ name: fileName, machine: (named[0] as [string, MachineLike])[1] }];
  return named.map(([key, machine]) => ({ name: `${fileName}.${key}`, machine }));
}
