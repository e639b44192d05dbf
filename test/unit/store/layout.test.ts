import { StoreLayout, appKey, frameworkKey, nodeKey, validateId } from '../../../src/store';

describe('StoreLayout', () => {
  it('builds the paths of the tree under a root', () => {
    const layout = new StoreLayout('/catapult/web');
    expect(layout.leaderDir).toBe('/catapult/web/leader');
    expect(layout.epochPath).toBe('/catapult/web/epoch');
    expect(layout.pathOf(frameworkKey())).toBe('/catapult/web/framework');
    expect(layout.pathOf(appKey('a'))).toBe('/catapult/web/apps/a');
    expect(layout.nodesDir('a')).toBe('/catapult/web/apps/a/nodes');
    expect(layout.pathOf(nodeKey('a', 'n-1'))).toBe('/catapult/web/apps/a/nodes/n-1');
  });

  it('accepts / as the root', () => {
    const layout = new StoreLayout('/');
    expect(layout.rootPath).toBe('/');
    expect(layout.epochPath).toBe('/epoch');
    expect(layout.appPath('x')).toBe('/apps/x');
  });

  it.each(['', 'a/b', '.', '..', 'bad\u0000id', 'tab\tid'])('rejects the id %j with CATAPULT_STORE_INVALID_ID', (id) => {
    expect(() => validateId('node id', id)).toThrow(expect.objectContaining({ code: 'CATAPULT_STORE_INVALID_ID' }));
    expect(() => new StoreLayout('/r').nodePath('app', id)).toThrow(expect.objectContaining({ code: 'CATAPULT_STORE_INVALID_ID' }));
  });

  it.each(['relative', '/trailing/', '//double', '/a/../b'])('rejects the root path %j', (root) => {
    expect(() => new StoreLayout(root)).toThrow(expect.objectContaining({ code: 'CATAPULT_STORE_INVALID_ID' }));
  });
});
