import {
  checkConstraint,
  parseConstraint,
  renderAttribute,
  type NodePlacement,
  type PlacementTarget,
} from '../../../../src/scheduler/placement';
import { isCatapultError } from '../../../../src/util';
import { attribute, constraint } from '../../../helpers/offers';

function agent(agentId: string, hostname: string, attributes: Record<string, string | number> = {}): PlacementTarget {
  return { agentId, hostname, attributes: Object.entries(attributes).map(([name, value]) => attribute(name, value)) };
}

function peer(nodeId: string, where: PlacementTarget): NodePlacement {
  return { appId: 'web', nodeId, ...where };
}

function check(type: string, field: string, value: string, target: PlacementTarget, peers: NodePlacement[] = []): true | string {
  const verdict = checkConstraint(parseConstraint(constraint(type, field, value)), target, peers);
  return verdict.ok ? true : verdict.detail;
}

const h1 = agent('a1', 'h1', { rack: 'r1', zone: 'eu-1', cores: 8 });
const h2 = agent('a2', 'h2', { rack: 'r2', zone: 'eu-1' });
const h3 = agent('a3', 'h3', { rack: 'r1' });

describe("catapult's own constraints", () => {
  it('RUN_ON_HOST_YES / NO compare the hostname', () => {
    expect(check('RUN_ON_HOST_YES', '', 'h1', h1)).toBe(true);
    expect(check('RUN_ON_HOST_YES', '', 'h1', h2)).toBe('hostname is h2, not h1');
    expect(check('RUN_ON_HOST_NO', '', 'h1', h2)).toBe(true);
    expect(check('RUN_ON_HOST_NO', '', 'h1', h1)).toBe('hostname is h1');
  });

  it('RUN_ON_SLAVE_YES / NO compare the agent id', () => {
    expect(check('RUN_ON_SLAVE_YES', '', 'a1', h1)).toBe(true);
    expect(check('RUN_ON_SLAVE_YES', '', 'a1', h2)).toBe('agent is a2, not a1');
    expect(check('RUN_ON_SLAVE_NO', '', 'a1', h2)).toBe(true);
    expect(check('RUN_ON_SLAVE_NO', '', 'a1', h1)).toBe('agent is a1');
  });

  it('ATTRIBUTE_LIKE is a full regex match; a missing attribute fails it', () => {
    expect(check('ATTRIBUTE_LIKE', 'rack', 'r[12]', h1)).toBe(true);
    expect(check('ATTRIBUTE_LIKE', 'rack', 'r', h1)).toBe('rack=r1 does not match r');
    expect(check('ATTRIBUTE_LIKE', 'cores', '8', h1)).toBe(true);
    expect(check('ATTRIBUTE_LIKE', 'gpu', '.*', h1)).toBe('agent has no attribute gpu');
  });

  it('ATTRIBUTE_NOT_LIKE holds when the value does not match or the attribute is missing', () => {
    expect(check('ATTRIBUTE_NOT_LIKE', 'rack', 'r2', h1)).toBe(true);
    expect(check('ATTRIBUTE_NOT_LIKE', 'rack', 'r1|r3', h1)).toBe('rack=r1 matches r1|r3');
    expect(check('ATTRIBUTE_NOT_LIKE', 'gpu', '.*', h1)).toBe(true);
  });
});

describe("Marathon's operators", () => {
  it('UNIQUE allows one node per value', () => {
    expect(check('UNIQUE', 'hostname', '', h1, [peer('web-0', h2)])).toBe(true);
    expect(check('UNIQUE', 'hostname', '', h1, [peer('web-0', h1)])).toBe('hostname=h1 already runs web-0');
    expect(check('UNIQUE', 'rack', '', h3, [peer('web-0', h1)])).toBe('rack=r1 already runs web-0');
    expect(check('UNIQUE', 'gpu', '', h1)).toBe('agent has no attribute gpu');
  });

  it('CLUSTER with a value keeps nodes on it', () => {
    expect(check('CLUSTER', 'rack', 'r1', h1)).toBe(true);
    expect(check('CLUSTER', 'rack', 'r1', h2)).toBe("rack=r2, the app's nodes are clustered on r1");
  });

  it('CLUSTER without a value follows the first placement', () => {
    expect(check('CLUSTER', 'rack', '', h2)).toBe(true);
    expect(check('CLUSTER', 'rack', '', h3, [peer('web-0', h1)])).toBe(true);
    expect(check('CLUSTER', 'rack', '', h2, [peer('web-0', h1)])).toBe("rack=r2, the app's nodes are clustered on r1");
  });

  it('GROUP_BY spreads nodes evenly over the values', () => {
    expect(check('GROUP_BY', 'rack', '', h1)).toBe(true);
    expect(check('GROUP_BY', 'rack', '', h2, [peer('web-0', h1)])).toBe(true);
    expect(check('GROUP_BY', 'rack', '', h2, [peer('web-0', h1), peer('web-1', h2)])).toBe(true);
    expect(check('GROUP_BY', 'rack', '', h3, [peer('web-0', h1), peer('web-1', h3), peer('web-2', h2)])).toBe(
      'rack=r1 already has 2 nodes, the least used rack has 1',
    );
  });

  it('GROUP_BY with a number of groups waits until that many values are in use', () => {
    expect(check('GROUP_BY', 'rack', '3', h3, [peer('web-0', h1), peer('web-1', h2)])).toBe(
      'rack=r1 already has 1 nodes while only 2 of 3 rack values are used',
    );
    expect(check('GROUP_BY', 'rack', '2', h3, [peer('web-0', h1), peer('web-1', h2)])).toBe(true);
  });

  it('LIKE and UNLIKE match the whole value; UNLIKE holds on a missing attribute', () => {
    expect(check('LIKE', 'hostname', 'h[0-9]', h1)).toBe(true);
    expect(check('LIKE', 'zone', 'eu', h1)).toBe('zone=eu-1 does not match eu');
    expect(check('LIKE', 'gpu', '.*', h1)).toBe('agent has no attribute gpu');
    expect(check('UNLIKE', 'zone', 'us-.*', h1)).toBe(true);
    expect(check('UNLIKE', 'zone', 'eu-.*', h1)).toBe('zone=eu-1 matches eu-.*');
    expect(check('UNLIKE', 'gpu', '.*', h1)).toBe(true);
  });

  it('MAX_PER caps nodes per value', () => {
    expect(check('MAX_PER', 'rack', '2', h3, [peer('web-0', h1)])).toBe(true);
    expect(check('MAX_PER', 'rack', '2', h3, [peer('web-0', h1), peer('web-1', h3)])).toBe('rack=r1 already runs 2 nodes (max 2)');
  });

  it('IS requires exact equality', () => {
    expect(check('IS', 'zone', 'eu-1', h1)).toBe(true);
    expect(check('IS', 'zone', 'eu', h1)).toBe('zone=eu-1, not eu');
    expect(check('IS', 'hostname', 'h2', h2)).toBe(true);
  });

  it('accepts the generated numeric enum as well as the name', () => {
    expect(parseConstraint({ type: 7, field: 'hostname' }).label).toBe('hostname:UNIQUE');
  });
});

describe('parseConstraint', () => {
  it.each([
    ['NONE', 'hostname', ''],
    ['NOT_A_TYPE', 'hostname', ''],
    ['UNIQUE', '', ''],
    ['LIKE', 'rack', ''],
    ['LIKE', 'rack', '(unclosed'],
    ['MAX_PER', 'rack', 'two'],
    ['MAX_PER', 'rack', '0'],
    ['GROUP_BY', 'rack', '-1'],
    ['RUN_ON_HOST_YES', '', ''],
  ])('rejects %s field=%j value=%j with CATAPULT_PLACEMENT_INVALID_CONSTRAINT', (type, field, value) => {
    let error: unknown;
    try {
      parseConstraint(constraint(type, field, value));
    } catch (e) {
      error = e;
    }
    expect(isCatapultError(error, 'CATAPULT_PLACEMENT_INVALID_CONSTRAINT')).toBe(true);
  });

  it('labels constraints the way placement reasons name them', () => {
    expect(parseConstraint(constraint('MAX_PER', 'rack', '2')).label).toBe('rack:MAX_PER:2');
    expect(parseConstraint(constraint('RUN_ON_HOST_NO', '', 'h1')).label).toBe('RUN_ON_HOST_NO:h1');
    expect(parseConstraint(constraint('ATTRIBUTE_LIKE', 'rack', 'r1')).label).toBe('ATTRIBUTE_LIKE:rack:r1');
  });
});

describe('renderAttribute', () => {
  it('renders every value type as text', () => {
    expect(renderAttribute(attribute('rack', 'r1'))).toBe('r1');
    expect(renderAttribute(attribute('cores', 2.5))).toBe('2.5');
    expect(renderAttribute({ name: 'p', type: 1 as never, ranges: { range: [{ begin: 1, end: 5 }, { begin: 7, end: 9 }] } })).toBe('[1-5,7-9]');
    expect(renderAttribute({ name: 's', type: 2 as never, set: { item: ['a', 'b'] } })).toBe('{a,b}');
  });
});
