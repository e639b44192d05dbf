/**
 * The page files in `visualizations/dashboard/`, read once at start. Plain
 * HTML, CSS and JavaScript: no build step and nothing loaded from elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardAssetsMissingError } from './dashboard-errors';

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'node.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

export interface StaticAsset {
  contentType: string;
  body: Buffer;
}

/** Where the page files are: from src/dashboard (ts-jest) or dist/src/dashboard (built). */
function candidateDirs(): string[] {
  return [join(__dirname, '..', '..', 'visualizations', 'dashboard'), join(__dirname, '..', '..', '..', 'visualizations', 'dashboard')];
}

/**
 * Reads the page files.
 *
 * @throws DashboardAssetsMissingError when a file is missing.
 */
export function loadStaticAssets(assetsDir?: string): Map<string, StaticAsset> {
  const dirs = assetsDir ? [assetsDir] : candidateDirs();
  const dir = dirs.find((d) => existsSync(join(d, 'index.html')));
  if (!dir) throw new DashboardAssetsMissingError(dirs);
  const assets = new Map<string, StaticAsset>();
  try {
    for (const [name, contentType] of Object.entries(FILES)) assets.set(name, { contentType, body: readFileSync(join(dir, name)) });
  } catch (err) {
    throw new DashboardAssetsMissingError([dir], err);
  }
  return assets;
}
