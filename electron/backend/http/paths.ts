// Where the built renderer lives: dist/renderer beside the bundle (dist/cli.cjs, dist/electron/*),
// or ONCOFLOW_RENDERER_DIR. When run from sources (vitest), dist/renderer under the working folder.
import fs from 'node:fs';
import path from 'node:path';

declare const __dirname: string | undefined;

export function locateRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  const candidates = [
    env.ONCOFLOW_RENDERER_DIR,
    here && path.join(here, 'renderer'), // dist/cli.cjs → dist/renderer
    here && path.join(here, '..', 'renderer'), // dist/electron/main.cjs → dist/renderer
    path.join(process.cwd(), 'dist', 'renderer'),
  ].filter((c): c is string => !!c);
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? candidates[0]!;
}
