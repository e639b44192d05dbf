import { nodeMachine, frameworkMachine } from '../../../machines';
it('x', async () => {
  const j = JSON.parse(JSON.stringify(frameworkMachine.toJSON()));
  console.log(JSON.stringify(j, null, 1).slice(0, 6000));
  const n = JSON.parse(JSON.stringify(nodeMachine.toJSON()));
  console.log(JSON.stringify(n.states.killing, null, 1));
  console.log(JSON.stringify(n.states.failed, null, 1));
  console.log(JSON.stringify(n.states.killed.always, null, 1));
  const { instance } = require('@viz-js/viz');
  const v = await instance();
  console.log(v.renderString('digraph { a -> b }', { format: 'svg' }).slice(0, 400));
});
