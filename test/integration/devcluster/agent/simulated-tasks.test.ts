import { mesos } from '../../../../src/wire';
import { createAgent, simulatedScript } from '../../../../src/devcluster/agent';
import { ManualClock } from '../../../../src/util/clock';
import { FakeMaster, framework } from './fake-master';

const { TaskState } = mesos.v1;

function task(i: number): mesos.v1.ITaskInfo {
  return { name: `t${i}`, task_id: { value: `t${i}` }, agent_id: { value: 'A-S0' }, resources: [], command: { value: 'true' } };
}

describe('local agent: simulated tasks', () => {
  it('brings 10,000 tasks to RUNNING quickly', async () => {
    const master = new FakeMaster();
    const agent = createAgent({ master, agentId: 'A-S0', simulation: true });
    await agent.start();
    try {
      const started = Date.now();
      const tasks = Array.from({ length: 10_000 }, (_, i) => task(i));
      agent.launch(framework('F1'), tasks);
      await master.waitForCount((u) => u.status.state === TaskState.TASK_RUNNING, 10_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(agent.simulated?.size).toBe(10_000);
    } finally {
      await agent.close();
    }
  });

  it('follows a script on the injected clock and honours kills', () => {
    const clock = new ManualClock();
    const master = new FakeMaster();
    master.autoAck = false;
    const agent = createAgent({
      master,
      agentId: 'A-S0',
      clock,
      simulation: { tickMs: 10, script: (t) => (t.task_id.value === 'fail' ? simulatedScript({ runningAfterMs: 100, failAfterMs: 1_000 }) : simulatedScript()) },
    });
    return agent.start().then(async () => {
      const ack = (taskId: string) => {
        const last = master.updates.filter((u) => u.status.task_id.value === taskId).at(-1);
        agent.acknowledge('F1', taskId, last?.status.uuid as Uint8Array);
      };
      agent.launch(framework('F1', { capabilities: [{ type: mesos.v1.FrameworkInfo.Capability.Type.TASK_KILLING_STATE }] }), [task(0), { ...task(1), task_id: { value: 'fail' } }]);
      clock.advance(10);
      expect(master.states('fail')).toEqual(['TASK_STARTING']);
      ack('fail');
      clock.advance(100);
      expect(master.states('fail')).toEqual(['TASK_STARTING', 'TASK_RUNNING']);
      ack('fail');
      clock.advance(1_000);
      expect(master.states('fail')).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_FAILED']);
      ack('t0');
      ack('t0');
      agent.kill('F1', 't0');
      ack('t0');
      clock.advance(10);
      expect(master.states('t0')).toEqual(['TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_KILLED']);
      await agent.close();
    });
  });
});
