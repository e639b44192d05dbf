/**
 * The FrameworkInfo the scheduler subscribes with.
 */
import { mesos, type FrameworkInfo } from '../../wire';

const Capability = mesos.v1.FrameworkInfo.Capability.Type;

/** What the FrameworkInfo is built from. */
export interface FrameworkInfoOptions {
  name: string;
  /** The Unix user tasks run as. */
  user: string;
  roles: readonly string[];
  principal?: string;
  /** Seconds Mesos keeps the tasks while no scheduler is subscribed. */
  failoverTimeoutSeconds: number;
  hostname?: string;
  webuiUrl?: string;
  /** Adds GPU_RESOURCES (needed to be offered GPUs). */
  gpuResources?: boolean;
}

/**
 * The FrameworkInfo: MULTI_ROLE with the given roles, PARTITION_AWARE (so a
 * partitioned agent's tasks are TASK_UNREACHABLE and may come back rather
 * than being LOST), TASK_KILLING_STATE, optionally GPU_RESOURCES;
 * checkpointing on, so tasks survive an agent restart.
 */
export function buildFrameworkInfo(options: FrameworkInfoOptions): FrameworkInfo {
  const capabilities = [Capability.MULTI_ROLE, Capability.PARTITION_AWARE, Capability.TASK_KILLING_STATE];
  if (options.gpuResources) capabilities.push(Capability.GPU_RESOURCES);
  const info: FrameworkInfo = {
    user: options.user,
    name: options.name,
    roles: [...options.roles],
    failover_timeout: options.failoverTimeoutSeconds,
    checkpoint: true,
    capabilities: capabilities.map((type) => ({ type })),
  };
  if (options.principal) info.principal = options.principal;
  if (options.hostname) info.hostname = options.hostname;
  if (options.webuiUrl) info.webui_url = options.webuiUrl;
  return info;
}
