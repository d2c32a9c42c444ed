// The tree is formatted by Prettier (.prettierrc.json, .prettierignore): `npm run format` fixes it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Never walked: installed, built or generated trees (also in .prettierignore or .gitignore). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.data', '.nx', 'dist', 'dist-test', 'screenshots', 'results']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : files(join(dir, e.name));
    return e.isFile() ? [join(dir, e.name)] : [];
  });
}

describe('format', () => {
  it('every file Prettier knows is formatted as `npm run format` leaves it', async () => {
    const ignorePath = join(root, '.prettierignore');
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of files(root)) {
      const info = await prettier.getFileInfo(file, { ignorePath });
      if (info.ignored || !info.inferredParser) continue;
      const options = await prettier.resolveConfig(file);
      checked++;
      const formatted = await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file });
      if (!formatted) unformatted.push(relative(root, file));
    }
    assert.ok(checked > 200, `only ${checked} files checked`);
    assert.deepEqual(unformatted, [], 'run `npm run format`');
  });
});
