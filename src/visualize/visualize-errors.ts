/**
 * The diagram renderer's failure modes, one class and stable code each.
 */
import { CatapultError } from '../util/catapult-error';

/** A state asked to be highlighted is not a state of the machine. */
export class VisualizeUnknownStateError extends CatapultError {
  constructor(readonly machineId: string, readonly state: string, known: readonly string[]) {
    super(
      'CATAPULT_VISUALIZE_UNKNOWN_STATE',
      `Machine "${machineId}" has no state "${state}". Name a state by its path from the root, one of: ${known.join(', ')}.`,
      { details: { machineId, state, known } },
    );
  }
}

/** Graphviz could not render the generated DOT. */
export class VisualizeRenderError extends CatapultError {
  constructor(readonly machineId: string, messages: readonly string[]) {
    super(
      'CATAPULT_VISUALIZE_RENDER_FAILED',
      `Graphviz could not render machine "${machineId}": ${messages.join('; ') || 'no message'}. Render with --format dot and check the DOT it produces.`,
      { details: { machineId, messages } },
    );
  }
}

/** A module given to `--machine` could not be loaded, or exports no state machine. */
export class VisualizeModuleError extends CatapultError {
  constructor(readonly modulePath: string, problem: string, cause?: unknown) {
    super(
      'CATAPULT_VISUALIZE_MODULE_UNUSABLE',
      `Cannot take a machine from ${modulePath}: ${problem}. Give a .js module (compiled, resolved from the current directory) that exports an xstate machine as its default export, as \`machine\`, or under any name.`,
      { cause, details: { modulePath } },
    );
  }
}

/** A command-line flag or value is not one `catapult visualize` accepts. */
export class VisualizeUsageError extends CatapultError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CATAPULT_VISUALIZE_USAGE', message, { details });
  }
}
