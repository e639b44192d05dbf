import { frameworkMachine, nodeMachine, NODE_STATES } from '../../../machines';
import { guardLabel, renderMachine, stateDiagramOf, toDot, toMermaid, VisualizeUnknownStateError } from '../../../src/visualize';

const diagram = stateDiagramOf(nodeMachine);

describe('the node machine diagram', () => {
  const dot = toDot(diagram);
  const mermaid = toMermaid(diagram);

  it.each(NODE_STATES)('draws state %s in DOT and Mermaid', (state) => {
    expect(dot).toContain(`"${state}" [label=<`);
    expect(mermaid).toMatch(new RegExp(`^\\s+${state}( :|$)`, 'm'));
  });

  it('marks the initial state and the final state', () => {
    expect(dot).toContain('"__start" -> "pending"');
    expect(dot).toMatch(/"removed" \[[^\n]*peripheries=2/);
    expect(mermaid).toContain('[*] --> pending');
    expect(mermaid).toContain('removed --> [*]');
  });

  it('labels the key transitions with their events and guards', () => {
    const edges = Object.fromEntries(diagram.edges.map((e) => [`${e.source}->${e.target}`, e.labels]));
    expect(edges['pending->launching']).toEqual(['offer.matched']);
    expect(edges['running->failed']).toEqual(['task.status [isStatus(TASK_FAILED|TASK_ERROR)]']);
    expect(edges['failed->relaunching']).toEqual(['always [shouldRelaunch]']);
    expect(edges['killed->relaunching']).toEqual(['always [and(!killedByUser, shouldRelaunch)]']);
    expect(edges['relaunching->pending']).toEqual(['timer [isDue(relaunch)]', 'relaunch']);
    expect(edges['running->killing']).toEqual(['kill', 'remove', 'pause', 'relaunch']);
    expect(edges['killing->removed']).toEqual(['task.status [isTerminalWithIntent(remove)]']);

    expect(dot).toContain('label="offer.matched"');
    expect(dot).toContain('label="always [shouldRelaunch]"');
    expect(mermaid).toContain('pending --> launching : offer.matched');
    expect(mermaid).toContain('running --> killing : kill<br/>remove<br/>pause<br/>relaunch');
  });

  it('lists transitions that stay in a state inside it, and the machine-wide ones in a note', () => {
    const running = diagram.root.children.find((s) => s.key === 'running');
    expect(running?.internal).toEqual(['timer [isDue(stable)]', 'message.send']);
    expect(diagram.root.internal).toContain('command.done');
    expect(dot).toContain('in every state');
    expect(mermaid).toContain('every_state : command.done');
  });

  it('draws one label for a transition many states share, through a junction', () => {
    const failedLabels = dot.split('\n').filter((l) => l.includes('-> "failed"') && l.includes('label='));
    expect(failedLabels).toHaveLength(1);
    expect(failedLabels[0]).toContain('"__junction_');
  });

  it('is deterministic', () => {
    expect(toDot(stateDiagramOf(nodeMachine))).toBe(dot);
    expect(toMermaid(stateDiagramOf(nodeMachine))).toBe(mermaid);
  });

  it('lights the active state and its ancestors', async () => {
    const lit = toDot(diagram, { highlight: { active: 'running', fillColor: '#16a34a' } });
    expect(lit).toMatch(/"running" \[[^\n]*class="state active"[^\n]*fillcolor="#16a34a"/);
    expect(lit.match(/class="state active"/g)).toHaveLength(1);
    expect(toMermaid(diagram, { highlight: { active: 'running' } })).toContain('class running active');
    const svg = await renderMachine(nodeMachine, 'svg', { highlight: { active: 'running' } });
    expect(svg).toMatch(/<g id="state:running" class="node state active">/);
  });

  it('rejects a highlight of a state the machine does not have', () => {
    let error: unknown;
    try {
      toDot(diagram, { highlight: { active: 'sleeping' } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VisualizeUnknownStateError);
    expect((error as VisualizeUnknownStateError).code).toBe('CATAPULT_VISUALIZE_UNKNOWN_STATE');
    expect((error as Error).message).toContain('running');
  });
});

describe('the framework machine diagram (nested states)', () => {
  const diagram = stateDiagramOf(frameworkMachine);
  const dot = toDot(diagram, { highlight: { active: { leading: 'subscribed' } } });

  it('draws a compound state as a cluster with its own initial state', () => {
    expect(dot).toContain('subgraph "cluster_leading" {');
    expect(dot).toContain('"leading.__start" -> "leading.subscribing"');
    expect(dot).toMatch(/"standby" -> "leading.__start" \[label="elected", lhead="cluster_leading"\]/);
    expect(dot).toMatch(/"leading.__end" -> "standby" \[label="deposed\\nsuspended", ltail="cluster_leading"\]/);
  });

  it('lights a nested state and outlines its parent', () => {
    expect(dot).toMatch(/"leading.subscribed" \[[^\n]*class="state active"/);
    expect(dot).toMatch(/graph \[label="leading", id="state:leading", class="state compound active"/);
    expect(toMermaid(diagram)).toMatch(/state leading \{\n\s+\[\*\] --> subscribing/);
  });

  it('renders to SVG', async () => {
    const svg = await renderMachine(frameworkMachine, 'svg');
    expect(svg).toContain('<svg');
    expect(svg).toContain('<title>leading.subscribed</title>');
  });
});

describe('guard labels', () => {
  it('names string, parameterized, combined and inline guards', () => {
    expect(guardLabel('ready')).toBe('ready');
    expect(guardLabel({ type: 'isDue', params: { name: 'stable' } })).toBe('isDue(stable)');
    expect(guardLabel({ type: 'isStatus', params: { states: ['A', 'B', 'C', 'D', 'E', 'F'] } })).toBe('isStatus(A|B|C|D|…+2)');
    expect(guardLabel({ type: 'within', params: { min: 1, max: 2 } })).toBe('within(min=1, max=2)');
    expect(guardLabel(() => true)).toBe('inline');
    expect(guardLabel(undefined)).toBeUndefined();
  });
});
