/**
 * What the local agent does with a `ContainerInfo`: there is no Docker engine
 * and no image provisioner here, so a containerized task runs its command on
 * the host, without isolation, after a warning — or, with `failDocker`, fails
 * the way a real agent fails when Docker is unavailable.
 */
import { mesos } from '../../../proto/gen/mesos';
import type { Logger } from '../../util/logger';

/** The verdict on a container: run the command on the host, or fail the launch with `message`. */
export type ContainerVerdict = { run: true } | { run: false; message: string };

/** Describes the image a container asked for, if any. */
function imageOf(container: mesos.v1.IContainerInfo): string | undefined {
  if (container.docker?.image) return container.docker.image;
  const image = container.mesos?.image;
  return image?.docker?.name ?? image?.appc?.name ?? undefined;
}

/** Decides what to do with the container of a task or executor and logs why. */
export function containerVerdict(
  container: mesos.v1.IContainerInfo | null | undefined,
  failDocker: boolean,
  logger: Logger,
  subject: Record<string, unknown>,
): ContainerVerdict {
  if (container === null || container === undefined) return { run: true };
  const image = imageOf(container);
  if (container.type === mesos.v1.ContainerInfo.Type.DOCKER) {
    if (failDocker) {
      return { run: false, message: `Failed to launch container: Docker is not available on this agent (image ${image ?? '<none>'})` };
    }
    logger.warn(
      { ...subject, image },
      'no Docker engine on the local agent: running the command on the host without isolation; the Docker image was NOT used',
    );
    return { run: true };
  }
  if (image !== undefined) {
    logger.warn({ ...subject, image }, 'the local agent has no image provisioner: running the command on the host; the container image was NOT used');
  }
  return { run: true };
}
