/**
 * `catapult visualize`: diagrams of the lifecycle machines (or of a user's
 * customized machine) as SVG, Mermaid or DOT. See {@link VISUALIZE_USAGE}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isCatapultError } from '../../util/catapult-error';
import { BUILTIN_MACHINES, diagramBanner, type NamedMachine } from '../../visualize/machine-files';
import { loadMachineModule } from '../../visualize/load-machine-module';
import { DIAGRAM_EXTENSIONS, renderMachine } from '../../visualize/render-machine';
import { DEFAULT_OUT_DIR, parseVisualizeArgs, VISUALIZE_USAGE, type VisualizeArgs } from '../../visualize/visualize-args';
import { VisualizeUsageError } from '../../visualize/visualize-errors';
import type { CliCommand, CliIo } from '../cli-command';

/** Usage mistakes and unusable modules exit with 2; anything else that fails, with 1. */
const USAGE_CODES = new Set(['CATAPULT_VISUALIZE_USAGE', 'CATAPULT_VISUALIZE_MODULE_UNUSABLE', 'CATAPULT_VISUALIZE_UNKNOWN_STATE']);

function machinesOf(args: VisualizeArgs, cwd: string): NamedMachine[] {
  return args.machines.flatMap((ref) => ('builtin' in ref ? [{ name: ref.builtin, machine: BUILTIN_MACHINES[ref.builtin] }] : loadMachineModule(ref.module, cwd)));
}

function toStdout(args: VisualizeArgs, machineCount: number): boolean {
  if (args.out === '-') {
    if (machineCount !== 1 || args.formats.length !== 1) {
      throw new VisualizeUsageError(`--out - writes one diagram to stdout, but ${machineCount} machine(s) in ${args.formats.length} format(s) were asked for: give one --machine and one --format, or an output directory.`, { flag: '--out' });
    }
    return true;
  }
  return args.out === undefined && machineCount === 1 && args.formats.length === 1 && args.formats[0] !== 'svg';
}

async function visualize(argv: string[], io: CliIo, cwd: string): Promise<number> {
  const args = parseVisualizeArgs(argv);
  const machines = machinesOf(args, cwd);
  const highlight = args.highlight.length > 0 ? { highlight: { active: args.highlight } } : {};
  if (toStdout(args, machines.length)) {
    const [{ machine }] = machines as [NamedMachine];
    io.stdout.write(await renderMachine(machine, args.formats[0] as 'mermaid' | 'dot' | 'svg', highlight));
    return 0;
  }
  const dir = resolve(cwd, args.out ?? DEFAULT_OUT_DIR);
  mkdirSync(dir, { recursive: true });
  for (const { name, machine } of machines) {
    for (const format of args.formats) {
      const file = join(dir, `${name}.${DIAGRAM_EXTENSIONS[format]}`);
      writeFileSync(file, await renderMachine(machine, format, { ...highlight, banner: diagramBanner(name) }));
      io.stdout.write(`wrote ${relative(cwd, file) || file}\n`);
    }
  }
  return 0;
}

export const command: CliCommand = {
  name: 'visualize',
  summary: 'Render diagrams of the lifecycle machines (svg, mermaid or dot)',
  usage: VISUALIZE_USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(VISUALIZE_USAGE);
      return 0;
    }
    try {
      return await visualize(argv, io, process.cwd());
    } catch (err) {
      if (isCatapultError(err) && USAGE_CODES.has(err.code)) {
        io.stderr.write(`catapult visualize: ${err.message}\n`);
        return 2;
      }
      io.stderr.write(`catapult visualize: ${isCatapultError(err) ? err.message : String((err as Error)?.stack ?? err)}\n`);
      return 1;
    }
  },
};
