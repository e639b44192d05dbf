/**
 * One subcommand of the `catapult` CLI. Each lives in `src/cli/commands/<name>.ts`
 * and exports `command`.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliCommand {
  /** The word after `catapult`. */
  name: string;
  /** One line for `catapult --help`. */
  summary: string;
  /** The full `--help` text of this command. */
  usage: string;
  /** Runs the command; resolves to the exit code. Long-running commands resolve when stopped (Ctrl-C). */
  run(argv: string[], io: CliIo): Promise<number>;
}
