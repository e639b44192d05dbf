/**
 * `Resources.sum` adds many bags in place and must agree with folding `plus`.
 */
import { Resources } from '../../../src/devcluster/master/resource-math';
import { parseResources } from '../../../src/devcluster/master/resource-text';

describe('Resources.sum', () => {
  it('equals the fold of plus, and leaves its inputs alone', () => {
    const bags = ['cpus:0.1;mem:32;ports:[31000-31001]', 'cpus:0.2;ports:[31002-31005]', 'mem:1;disks:{a,b}', 'cpus(db):1'].map((t) => Resources.from(parseResources(t)));
    const folded = bags.reduce((sum, bag) => sum.plus(bag), Resources.empty);
    const summed = Resources.sum(bags);
    expect(summed.toString()).toBe(folded.toString());
    expect(summed.scalarMilli('cpus')).toBe(1300);
    expect(bags[0]!.toString()).toBe('cpus:0.1;mem:32;ports:[31000-31001]');
    expect(Resources.sum([]).isEmpty()).toBe(true);
  });
});
