/**
 * Sandbox directories, laid out as a Mesos agent lays them out under its work
 * directory: `slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>`.
 */
import { mkdir, open, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxError } from './agent-errors';

/** An id made safe as one path segment (Mesos ids exclude '/', but a local cluster should not trust that). */
function segment(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? `_${safe}` : safe;
}

/** The sandbox of one container run. */
export interface Sandbox {
  /** Absolute path of the directory (the process's cwd, `MESOS_DIRECTORY` and `MESOS_SANDBOX`). */
  readonly path: string;
  /** Opens `stdout` and `stderr` in the sandbox for appending; close them once the child has them. */
  openStdio(): Promise<{ stdoutFd: number; stderrFd: number; close(): Promise<void> }>;
}

/** Creates sandboxes under one work directory. */
export class SandboxRoot {
  private constructor(readonly workDir: string, private readonly owned: boolean) {}

  /** Uses `workDir`, or a fresh temporary directory (removed again by {@link dispose}). */
  static async create(workDir?: string): Promise<SandboxRoot> {
    if (workDir !== undefined) {
      try {
        await mkdir(workDir, { recursive: true });
      } catch (err) {
        throw new SandboxError(workDir, err);
      }
      return new SandboxRoot(workDir, false);
    }
    return new SandboxRoot(await mkdtemp(join(tmpdir(), 'catapult-agent-')), true);
  }

  /** Creates the sandbox directory of a container run. */
  async sandbox(agentId: string, frameworkId: string, executorId: string, containerId: string): Promise<Sandbox> {
    const path = join(
      this.workDir,
      'slaves',
      segment(agentId),
      'frameworks',
      segment(frameworkId),
      'executors',
      segment(executorId),
      'runs',
      segment(containerId),
    );
    try {
      await mkdir(path, { recursive: true });
    } catch (err) {
      throw new SandboxError(path, err);
    }
    return {
      path,
      async openStdio() {
        const out = await open(join(path, 'stdout'), 'a');
        const err = await open(join(path, 'stderr'), 'a');
        return {
          stdoutFd: out.fd,
          stderrFd: err.fd,
          close: async () => {
            await Promise.all([out.close(), err.close()]);
          },
        };
      },
    };
  }

  /** Removes the work directory if this root created it. */
  async dispose(): Promise<void> {
    if (this.owned) await rm(this.workDir, { recursive: true, force: true });
  }
}
