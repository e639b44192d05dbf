/**
 * visualizations/machines is generated (scripts/gen-visualizations.js); this
 * fails when the committed files no longer match the machine definitions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_VISUALIZATIONS_DIR, builtinVisualizationFiles } from '../../../src/visualize';

const dir = join(__dirname, '..', '..', '..', BUILTIN_VISUALIZATIONS_DIR);
const HOW_TO_FIX = 'run `npm run build && node scripts/gen-visualizations.js` and commit visualizations/machines';

describe(`${BUILTIN_VISUALIZATIONS_DIR} is up to date`, () => {
  let expected: Array<{ fileName: string; content: string }>;
  beforeAll(async () => {
    expected = await builtinVisualizationFiles();
  });

  it('holds exactly the generated files', () => {
    expect({ files: readdirSync(dir).sort(), fix: HOW_TO_FIX }).toEqual({ files: expected.map((f) => f.fileName).sort(), fix: HOW_TO_FIX });
  });

  it('has every file as the generator writes it today', () => {
    const stale = expected.filter((f) => readFileSync(join(dir, f.fileName), 'utf8') !== f.content).map((f) => f.fileName);
    expect({ stale, fix: HOW_TO_FIX }).toEqual({ stale: [], fix: HOW_TO_FIX });
  });

  it('carries a do-not-edit banner in every file', () => {
    for (const f of expected) expect(f.content).toContain('Do not edit; run node scripts/gen-visualizations.js.');
  });
});
