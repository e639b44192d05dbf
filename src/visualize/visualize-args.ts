/**
 * The flags of `catapult visualize`, parsed and checked. Every mistake is a
 * {@link VisualizeUsageError} naming the flag and what it accepts.
 */
import { BUILTIN_MACHINE_NAMES, type BuiltinMachineName } from './machine-files';
import { DIAGRAM_FORMATS, type DiagramFormat } from './render-machine';
import { VisualizeUsageError } from './visualize-errors';

/** A machine to draw: a built-in one by name, or a module path. */
export type MachineRef = { builtin: BuiltinMachineName } | { module: string };

export interface VisualizeArgs {
  machines: MachineRef[];
  formats: DiagramFormat[];
  /** The output directory; `'-'` for stdout; undefined when not given. */
  out?: string;
  /** State paths to light up. */
  highlight: string[];
}

/** The directory written to when `--out` is not given (and stdout does not apply). */
export const DEFAULT_OUT_DIR = 'visualizations/machines';

export const VISUALIZE_USAGE = `Usage: catapult visualize [--machine <name|module>]... [--format <format>]... [--out <dir>] [--highlight <state>]...

Renders state diagrams from machine definitions, offline (Graphviz runs as WebAssembly).

Flags:
  --machine <name|module>  A machine to draw; repeat for several. One of: ${BUILTIN_MACHINE_NAMES.join(', ')},
                           or the path of a compiled .js module, resolved from the current directory,
                           that exports an xstate machine (default export, \`machine\`, or any export).
                           Default: ${BUILTIN_MACHINE_NAMES.join(', ')}.
  --format <format>        One of: ${DIAGRAM_FORMATS.join(', ')} (mermaid is written as .mmd); repeat or
                           separate with commas for several. Default: svg.
  --out <dir>              The directory to write <machine>.<ext> files into (created if missing);
                           '-' writes to stdout (one machine, one format). Default: stdout for one
                           machine in one text format (mermaid or dot), otherwise ${DEFAULT_OUT_DIR}.
  --highlight <state>      Light up a state, named by its path from the root (e.g. running,
                           leading.subscribed); repeat for several. Every drawn machine must have it.
  -h, --help               Show this help.

Examples:
  catapult visualize                                  # every built-in machine as SVG into ${DEFAULT_OUT_DIR}
  catapult visualize --machine node --format mermaid  # the node machine as Mermaid on stdout
  catapult visualize --machine ./dist/my-node.js --format svg,dot --out docs/diagrams
`;

const VALUE_FLAGS = ['--machine', '--format', '--out', '--highlight'] as const;

function machineRef(value: string): MachineRef {
  if ((BUILTIN_MACHINE_NAMES as readonly string[]).includes(value)) return { builtin: value as BuiltinMachineName };
  if (/[\\/]/.test(value) || /\.[cm]?js$/.test(value)) return { module: value };
  throw new VisualizeUsageError(
    `Unknown machine '${value}' for --machine: use one of ${BUILTIN_MACHINE_NAMES.join(', ')}, or a module path such as ./dist/my-machine.js.`,
    { flag: '--machine', value, allowed: BUILTIN_MACHINE_NAMES },
  );
}

function formatList(value: string): DiagramFormat[] {
  return value.split(',').map((f) => {
    const format = f.trim();
    if (!(DIAGRAM_FORMATS as readonly string[]).includes(format)) {
      throw new VisualizeUsageError(`Unknown format '${format}' for --format: use one of ${DIAGRAM_FORMATS.join(', ')}.`, {
        flag: '--format',
        value: format,
        allowed: DIAGRAM_FORMATS,
      });
    }
    return format as DiagramFormat;
  });
}

/**
 * Parses `catapult visualize` flags (`--flag value` or `--flag=value`).
 *
 * @throws VisualizeUsageError for an unknown flag, a missing or bad value.
 */
export function parseVisualizeArgs(argv: readonly string[]): VisualizeArgs {
  const machines: MachineRef[] = [];
  const formats: DiagramFormat[] = [];
  const highlight: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new VisualizeUsageError(`Unknown flag '${flag}': catapult visualize accepts ${VALUE_FLAGS.join(', ')} and --help.`, { flag, allowed: VALUE_FLAGS });
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (value.startsWith('--') && eq < 0)) {
      throw new VisualizeUsageError(`Flag ${flag} needs a value; see catapult visualize --help.`, { flag });
    }
    if (flag === '--machine') machines.push(machineRef(value));
    else if (flag === '--format') formats.push(...formatList(value));
    else if (flag === '--highlight') highlight.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    else out = value;
  }
  return {
    machines: machines.length > 0 ? machines : BUILTIN_MACHINE_NAMES.map((builtin) => ({ builtin })),
    formats: formats.length > 0 ? [...new Set(formats)] : ['svg'],
    highlight,
    ...(out !== undefined ? { out } : {}),
  };
}
