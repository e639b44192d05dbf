/**
 * Turns a `CommandInfo` into the program and argv to run, exactly as Mesos
 * does: `shell` (default true) runs `/bin/sh -c <value>` and ignores
 * `arguments`; otherwise `value` is exec'd with argv = `arguments`, whose
 * first element is argv[0]. `user` is ignored: switching users needs root,
 * and a local cluster runs everything as the user that started it.
 */
import type { mesos } from '../../../proto/gen/mesos';
import { CommandLaunchError } from './agent-errors';

/** The program to exec and its full argv (argv[0] included). */
export interface CommandLine {
  file: string;
  argv: string[];
}

/** The command line of `command`; throws {@link CommandLaunchError} when there is nothing to run. */
export function commandLine(command: mesos.v1.ICommandInfo | null | undefined): CommandLine {
  const value = command?.value ?? '';
  if (value === '') {
    throw new CommandLaunchError('The CommandInfo has no value: there is no command to run.', {});
  }
  if (command?.shell ?? true) return { file: '/bin/sh', argv: ['sh', '-c', value] };
  const args = command?.arguments ?? [];
  return { file: value, argv: args.length > 0 ? [...args] : [value] };
}
