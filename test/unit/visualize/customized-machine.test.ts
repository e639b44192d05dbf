import { createNodeMachine } from '../../../machines';
import { renderMachine, stateDiagramOf, toDot, toMermaid } from '../../../src/visualize';

const healthChecked = createNodeMachine({
  states: {
    degraded: { tags: ['live'], on: { 'executor.message': { guard: 'isHealthy', target: 'running' } } },
  },
  transitions: { running: { 'executor.message': { guard: 'isUnhealthy', target: 'degraded' } } },
  guards: {
    isHealthy: ({ event }: { event: { data: string } }) => event.data === 'b2s=',
    isUnhealthy: ({ event }: { event: { data: string } }) => event.data !== 'b2s=',
  },
});

describe('a customized node machine', () => {
  const diagram = stateDiagramOf(healthChecked);

  it('draws the added state and its transitions', () => {
    const dot = toDot(diagram);
    expect(dot).toContain('"degraded" [label=<');
    expect(dot).toContain('"running" -> "degraded" [label="executor.message [isUnhealthy]"]');
    expect(dot).toContain('"degraded" -> "running" [label="executor.message [isHealthy]"]');
    const mermaid = toMermaid(diagram);
    expect(mermaid).toContain('running --> degraded : executor.message [isUnhealthy]');
  });

  it('renders it to SVG with the added state lit', async () => {
    const svg = await renderMachine(healthChecked, 'svg', { highlight: { active: 'degraded' } });
    expect(svg).toContain('<title>degraded</title>');
    expect(svg).toMatch(/<g id="state:degraded" class="node state active">/);
  });
});
