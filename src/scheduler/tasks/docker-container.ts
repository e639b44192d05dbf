/**
 * The docker shorthand (ContainerLiteInfo) as a Mesos ContainerInfo of type
 * DOCKER.
 *
 * Host-path volumes become Volume entries; named (and driver) volumes,
 * which Mesos' Volume cannot say for the docker containerizer, become
 * docker `volume` / `volume-driver` parameters. Port mappings get the host
 * ports assigned from the offer, in order.
 */
import type { mesos } from '../../../proto/gen/mesos';
import { InvalidContainerError, InvalidVolumeError } from './task-errors';
import { CONTAINER_DOCKER, DockerNetwork, VolumeMode, isSet, type ContainerInfo, type ContainerLiteInfo, type SchedulerVolume } from './task-types';

type DockerNetworkValue = (typeof DockerNetwork)[keyof typeof DockerNetwork];

function network(lite: ContainerLiteInfo, nodeId: string): DockerNetworkValue {
  const mappings = lite.port_mappings ?? [];
  // An unset network follows the mappings; the proto default (BRIDGE) only counts when set explicitly.
  const chosen = isSet(lite, 'network') ? (lite.network as number) : mappings.length > 0 ? DockerNetwork.BRIDGE : DockerNetwork.HOST;
  if (chosen !== DockerNetwork.HOST && chosen !== DockerNetwork.BRIDGE && chosen !== DockerNetwork.USER) {
    throw new InvalidContainerError(`node ${nodeId}: container_lite_info.network ${chosen} is not HOST, BRIDGE or USER`, { nodeId, network: chosen });
  }
  if (chosen === DockerNetwork.HOST && mappings.length > 0) {
    throw new InvalidContainerError(`node ${nodeId}: port_mappings need a BRIDGE or USER network, not HOST; drop the mappings or the network`, { nodeId });
  }
  if (chosen === DockerNetwork.USER && !lite.network_name) {
    throw new InvalidContainerError(`node ${nodeId}: a USER network needs container_lite_info.network_name`, { nodeId });
  }
  return chosen;
}

function portMappings(lite: ContainerLiteInfo, ports: readonly number[], nodeId: string): mesos.v1.ContainerInfo.DockerInfo.IPortMapping[] {
  return (lite.port_mappings ?? []).map((mapping, i) => {
    if (!mapping.container_port) {
      throw new InvalidContainerError(`node ${nodeId}: port_mappings[${i}] has no container_port`, { nodeId, index: i });
    }
    return { host_port: ports[i] ?? 0, container_port: mapping.container_port, protocol: mapping.protocol || 'tcp' };
  });
}

interface VolumeParts {
  volumes: mesos.v1.IVolume[];
  parameters: mesos.v1.IParameter[];
}

function volumes(list: readonly SchedulerVolume[], nodeId: string): VolumeParts {
  const parts: VolumeParts = { volumes: [], parameters: [] };
  const drivers = new Set<string>();
  list.forEach((volume, i) => {
    const details = { nodeId, index: i, name: volume.name, container_mount_point: volume.container_mount_point };
    const containerPath = volume.container_mount_point;
    if (!containerPath) throw new InvalidVolumeError(`node ${nodeId}: volumes[${i}] has no container_mount_point`, details);
    const mode = volume.mode === VolumeMode.RO ? VolumeMode.RO : VolumeMode.RW;
    if (volume.host_mount_point) {
      parts.volumes.push({ container_path: containerPath, host_path: volume.host_mount_point, mode });
    } else if (volume.name) {
      parts.parameters.push({ key: 'volume', value: `${volume.name}:${containerPath}:${mode === VolumeMode.RO ? 'ro' : 'rw'}` });
      if (volume.volume_driver) drivers.add(volume.volume_driver);
    } else {
      throw new InvalidVolumeError(`node ${nodeId}: volumes[${i}] (${containerPath}) needs a host_mount_point or a name`, details);
    }
  });
  if (drivers.size > 1) {
    throw new InvalidVolumeError(`node ${nodeId}: docker takes one volume driver per container, got ${[...drivers].join(', ')}`, { nodeId });
  }
  for (const driver of drivers) parts.parameters.push({ key: 'volume-driver', value: driver });
  return parts;
}

/**
 * Builds the DOCKER ContainerInfo of a ContainerLiteInfo.
 *
 * @param ports the node's assigned host ports; `ports[i]` goes to `port_mappings[i]`.
 * @throws {InvalidContainerError} bad network, or a mapping without container port.
 * @throws {InvalidVolumeError} a volume without container path, or without host path and name.
 */
export function dockerContainerInfo(lite: ContainerLiteInfo, ports: readonly number[], nodeId: string): ContainerInfo {
  const net = network(lite, nodeId);
  const { volumes: hostVolumes, parameters } = volumes(lite.volumes ?? [], nodeId);
  const docker: mesos.v1.ContainerInfo.IDockerInfo = {
    image: lite.docker_image ?? '',
    network: net,
    force_pull_image: lite.force_pull_image ?? true,
  };
  const mappings = portMappings(lite, ports, nodeId);
  if (mappings.length > 0) docker.port_mappings = mappings;
  if (parameters.length > 0) docker.parameters = parameters;
  const container: ContainerInfo = { type: CONTAINER_DOCKER, docker };
  if (hostVolumes.length > 0) container.volumes = hostVolumes;
  if (net === DockerNetwork.USER) container.network_infos = [{ name: lite.network_name ?? '' }];
  return container;
}
