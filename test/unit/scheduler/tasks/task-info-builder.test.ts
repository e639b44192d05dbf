import { catapult } from '../../../../proto/gen/mesos';
import { matchOffers } from '../../../../src/scheduler/placement';
import { buildTaskInfo, executorIdFor, pendingNodeFromInfo, taskIdFor } from '../../../../src/scheduler/tasks';
import { isCatapultError } from '../../../../src/util';
import { decodeMessage, encodeMessage } from '../../../../src/wire';
import { constraint, offer, schedulerNode } from '../../../helpers/offers';

const alloc = { allocation_info: { role: '*' } };

/** Runs the node through the matcher against one offer and builds its TaskInfo. */
function launch(node: catapult.ISchedulerNodeInfo, spec = { cpus: 4, mem: 4096, ports: [[31000, 31010]] as Array<[number, number]> }, incarnation = 1) {
  const pending = pendingNodeFromInfo(node);
  const result = matchOffers([pending], [offer({ id: 'o1', agent: 'agent-1', hostname: 'h1', ...spec })]);
  const matched = result.launches[0];
  if (!matched) throw new Error(result.unplaced.get(pending.nodeId)?.summary);
  return buildTaskInfo({ nodeInfo: node, taskId: taskIdFor(pending.nodeId, incarnation), ...matched }, { frameworkId: 'fw-1', killGracePeriodSeconds: 30 });
}

function env(extra: Array<[string, string]>, taskId: string, ports: number[] = []) {
  return {
    variables: [
      ...extra,
      ...ports.map((p, i) => [`PORT${i}`, String(p)]),
      ['PORTS', ports.join(',')],
      ['CATAPULT_APP_ID', 'web'],
      ['CATAPULT_NODE_ID', 'web-0'],
      ['CATAPULT_TASK_ID', taskId],
    ].map(([name, value]) => ({ name, value })),
  };
}

const labels = { labels: [{ key: 'catapult.app_id', value: 'web' }, { key: 'catapult.node_id', value: 'web-0' }] };

describe('buildTaskInfo', () => {
  it('builds a command task', () => {
    const node = schedulerNode('web-0', { name: 'server', cpus: 0.5, memory: 128, ports: 1, command: 'python -m http.server $PORT0', uris: [{ value: 'http://x/app.tgz' }] });
    expect(launch(node)).toEqual({
      name: 'server',
      task_id: { value: 'web-0.1' },
      agent_id: { value: 'agent-1' },
      resources: [
        { name: 'cpus', type: 0, scalar: { value: 0.5 }, ...alloc },
        { name: 'mem', type: 0, scalar: { value: 128 }, ...alloc },
        { name: 'ports', type: 1, ranges: { range: [{ begin: 31000, end: 31000 }] }, ...alloc },
      ],
      labels,
      kill_policy: { grace_period: { nanoseconds: 30_000_000_000 } },
      command: { value: 'python -m http.server $PORT0', shell: true, uris: [{ value: 'http://x/app.tgz' }], environment: env([], 'web-0.1', [31000]) },
    });
  });

  it('builds a custom executor with its own id and resources, not charged twice', () => {
    const node = schedulerNode('web-0', { name: 'node-0', cpus: 1, memory: 256, executor: true, command: './catapult-executor' });
    const task = launch(node, { cpus: 1.01, mem: 288, ports: [] }, 3);
    expect(task).toEqual({
      name: 'node-0',
      task_id: { value: 'web-0.3' },
      agent_id: { value: 'agent-1' },
      resources: [
        { name: 'cpus', type: 0, scalar: { value: 1 }, ...alloc },
        { name: 'mem', type: 0, scalar: { value: 256 }, ...alloc },
      ],
      labels,
      kill_policy: { grace_period: { nanoseconds: 30_000_000_000 } },
      executor: {
        executor_id: { value: 'web-0.3.executor' },
        name: 'node-0',
        type: 2,
        framework_id: { value: 'fw-1' },
        resources: [
          { name: 'cpus', type: 0, scalar: { value: 0.01 }, ...alloc },
          { name: 'mem', type: 0, scalar: { value: 32 }, ...alloc },
        ],
        command: { value: './catapult-executor', shell: true, environment: env([], 'web-0.3') },
        labels,
      },
    });
    expect(task.command).toBeUndefined();
    expect(executorIdFor('web-0.4')).not.toBe(task.executor?.executor_id.value);
  });

  it('turns ContainerLiteInfo into a Docker container with volumes, bridge network, port mappings and env', () => {
    const node = schedulerNode('web-0', {
      name: 'nginx',
      cpus: 1,
      memory: 512,
      container_lite_info: {
        docker_image: 'nginx:1.27',
        port_mappings: [{ container_port: 80 }, { container_port: 53, protocol: 'udp', host_port: 31005 }],
        environment: { MODE: 'prod', PORT0: 'ignored' },
        volumes: [
          { container_mount_point: '/data', host_mount_point: '/srv/data', mode: 2 as never },
          { name: 'cache', container_mount_point: '/cache', volume_driver: 'rexray' },
        ],
      },
    });
    const task = launch(node);
    expect(task.command).toEqual({ shell: false, environment: env([['MODE', 'prod']], 'web-0.1', [31000, 31005]) });
    expect(task.container).toEqual({
      type: 1,
      docker: {
        image: 'nginx:1.27',
        network: 2,
        force_pull_image: true,
        port_mappings: [
          { host_port: 31000, container_port: 80, protocol: 'tcp' },
          { host_port: 31005, container_port: 53, protocol: 'udp' },
        ],
        parameters: [
          { key: 'volume', value: 'cache:/cache:rw' },
          { key: 'volume-driver', value: 'rexray' },
        ],
      },
      volumes: [{ container_path: '/data', host_path: '/srv/data', mode: 2 }],
    });
    expect(task.resources?.find((r) => r.name === 'ports')?.ranges).toEqual({ range: [{ begin: 31000, end: 31000 }, { begin: 31005, end: 31005 }] });
  });

  it('uses HOST networking without port mappings, USER with a network name, and honours force_pull_image', () => {
    const host = launch(schedulerNode('web-0', { cpus: 1, memory: 64, container_lite_info: { docker_image: 'busybox', force_pull_image: false } }));
    expect(host.container?.docker).toEqual({ image: 'busybox', network: 1, force_pull_image: false });
    const user = launch(schedulerNode('web-0', { cpus: 1, memory: 64, container_lite_info: { docker_image: 'busybox', network: 4 as never, network_name: 'overlay' } }));
    expect(user.container?.network_infos).toEqual([{ name: 'overlay' }]);
  });

  it('reads decoded messages: an unset network is not taken from the proto default', () => {
    const lite = catapult.ContainerLiteInfo.create({ docker_image: 'busybox' });
    const task = launch(schedulerNode('web-0', { cpus: 1, memory: 64, container_lite_info: lite }));
    expect(task.container?.docker?.network).toBe(1);
  });

  it('passes a raw container_info through, on the executor for executor nodes', () => {
    const raw = { type: 2 as never, mesos: { image: { type: 2 as never, docker: { name: 'alpine' } } } };
    const task = launch(schedulerNode('web-0', { cpus: 1, memory: 64, executor: true, container_info: raw }));
    expect(task.executor?.container).toEqual(raw);
    expect(task.executor?.command).toMatchObject({ shell: false });
    expect(task.container).toBeUndefined();
  });

  it('produces TaskInfos that survive the protobuf and JSON codecs unchanged', () => {
    const docker = launch(
      schedulerNode('web-0', {
        cpus: 1,
        memory: 64,
        executor: true,
        container_lite_info: { docker_image: 'nginx', port_mappings: [{ container_port: 80 }], volumes: [{ container_mount_point: '/d', host_mount_point: '/d' }] },
      }),
    );
    for (const encoding of ['protobuf', 'json'] as const) {
      expect(decodeMessage('mesos.v1.TaskInfo', encodeMessage('mesos.v1.TaskInfo', docker, encoding), encoding)).toEqual(docker);
    }
  });

  it('takes volume constraints into placement', () => {
    const node = schedulerNode('web-0', {
      cpus: 1,
      memory: 64,
      container_lite_info: { docker_image: 'busybox', volumes: [{ container_mount_point: '/d', host_mount_point: '/d', constraints: [constraint('RUN_ON_HOST_YES', '', 'h1')] }] },
    });
    expect(pendingNodeFromInfo(node).constraints.map((c) => c.label)).toEqual(['RUN_ON_HOST_YES:h1']);
  });

  it('takes the constraints of a plain command node, before its container\'s', () => {
    const command = schedulerNode('web-1', { cpus: 1, memory: 64, command: 'sleep 1', constraints: [constraint('UNIQUE', 'hostname', '')] });
    expect(pendingNodeFromInfo(command).constraints.map((c) => c.label)).toEqual(['hostname:UNIQUE']);
    const docker = schedulerNode('web-2', {
      cpus: 1,
      memory: 64,
      constraints: [constraint('RUN_ON_HOST_NO', '', 'h2')],
      container_lite_info: { docker_image: 'busybox', constraints: [constraint('RUN_ON_HOST_YES', '', 'h1')] },
    });
    expect(pendingNodeFromInfo(docker).constraints.map((c) => c.label)).toEqual(['RUN_ON_HOST_NO:h2', 'RUN_ON_HOST_YES:h1']);
  });
});

describe('buildTaskInfo validation', () => {
  const base = { name: 'n', cpus: 1, memory: 64, command: 'true' };
  const cases: Array<[string, catapult.ISchedulerNodeInfo, string, RegExp]> = [
    ['no cpus', schedulerNode('web-0', { ...base, cpus: 0 }), 'CATAPULT_TASK_INVALID_RESOURCES', /cpus is 0; set it to more than 0/],
    ['memory below 1 MB', schedulerNode('web-0', { ...base, memory: 0.5 }), 'CATAPULT_TASK_INVALID_RESOURCES', /memory is 0.5/],
    ['nothing to run', schedulerNode('web-0', { ...base, command: '' }), 'CATAPULT_TASK_MISSING_COMMAND', /nothing to run/],
    ['bad node id', schedulerNode('web 0', base), 'CATAPULT_TASK_INVALID_ID', /node id "web 0" contains " "/],
    ['slash in app id', schedulerNode('web-0', base, 'a/b'), 'CATAPULT_TASK_INVALID_ID', /app id/],
    ['both containers', schedulerNode('web-0', { ...base, container_info: { type: 1 as never }, container_lite_info: { docker_image: 'x' } }), 'CATAPULT_TASK_INVALID_CONTAINER', /keep one/],
    ['lite without image', schedulerNode('web-0', { ...base, container_lite_info: {} }), 'CATAPULT_TASK_INVALID_CONTAINER', /no docker_image/],
    ['USER without name', schedulerNode('web-0', { ...base, container_lite_info: { docker_image: 'x', network: 4 as never } }), 'CATAPULT_TASK_INVALID_CONTAINER', /network_name/],
    ['HOST with mappings', schedulerNode('web-0', { ...base, container_lite_info: { docker_image: 'x', network: 1 as never, port_mappings: [{ container_port: 80 }] } }), 'CATAPULT_TASK_INVALID_CONTAINER', /BRIDGE or USER/],
    ['volume without path', schedulerNode('web-0', { ...base, container_lite_info: { docker_image: 'x', volumes: [{ host_mount_point: '/x' }] } }), 'CATAPULT_TASK_INVALID_VOLUME', /no container_mount_point/],
    ['volume without source', schedulerNode('web-0', { ...base, container_lite_info: { docker_image: 'x', volumes: [{ container_mount_point: '/x' }] } }), 'CATAPULT_TASK_INVALID_VOLUME', /host_mount_point or a name/],
  ];

  it.each(cases)('rejects %s', (_what, node, code, message) => {
    let error: unknown;
    try {
      buildTaskInfo({ nodeInfo: node, taskId: 'web-0.1', offer: offer({ agent: 'a1' }), resources: [{ name: 'cpus', type: 0 as never, scalar: { value: 1 } }], ports: [31000] });
    } catch (e) {
      error = e;
    }
    expect(isCatapultError(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects too few ports, missing task resources and missing executor resources', () => {
    const cpus = [{ name: 'cpus', type: 0 as never, scalar: { value: 1 } }];
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return undefined;
    };
    const ported = schedulerNode('web-0', { cpus: 1, memory: 64, command: 'x', ports: 2 });
    expect(codeOf(() => buildTaskInfo({ nodeInfo: ported, taskId: 'web-0.1', offer: offer({ agent: 'a1' }), resources: cpus, ports: [1] }))).toBe('CATAPULT_TASK_PORTS_MISMATCH');
    expect(codeOf(() => buildTaskInfo({ nodeInfo: ported, taskId: 'web-0.1', offer: offer({ agent: 'a1' }), resources: [], ports: [1, 2] }))).toBe('CATAPULT_TASK_INVALID_RESOURCES');
    const exec = schedulerNode('web-0', { cpus: 1, memory: 64, executor: true });
    expect(codeOf(() => buildTaskInfo({ nodeInfo: exec, taskId: 'web-0.1', offer: offer({ agent: 'a1' }), resources: cpus, ports: [] }))).toBe('CATAPULT_TASK_INVALID_RESOURCES');
    expect(codeOf(() => taskIdFor('web-0', -1))).toBe('CATAPULT_TASK_INVALID_ID');
  });
});
