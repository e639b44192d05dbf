import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_COLORS, STATE_CATEGORIES } from '../../../src/dashboard';

const dir = join(__dirname, '..', '..', '..', 'visualizations', 'dashboard');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const files = ['index.html', 'node.html', 'dashboard.js', 'dashboard.css'];

describe('the dashboard page files', () => {
  it('load nothing from elsewhere (they work offline)', () => {
    for (const name of files) {
      const text = read(name);
      expect({ name, external: text.match(/(src|href)=["']?(https?:)?\/\/|@import|url\(\s*['"]?(https?:)?\/\//g) }).toEqual({ name, external: null });
    }
  });

  it('never inject data as HTML', () => {
    const js = read('dashboard.js');
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('use the state categories and colours of src/dashboard/state-palette.ts', () => {
    const table = /var STATE_CATEGORIES = (\{.*\});/.exec(read('dashboard.js'));
    expect(table).not.toBeNull();
    expect(JSON.parse((table as RegExpExecArray)[1] as string)).toEqual(STATE_CATEGORIES);
    const css = read('dashboard.css');
    for (const [category, color] of Object.entries(CATEGORY_COLORS)) expect(css).toContain(`.cat-${category} { --c: ${color};`);
  });
});
