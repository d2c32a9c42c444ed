// The code passes the project's lint (eslint.config.mjs: floating promises, misused promises…).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('lint', () => {
  it('finds no problem in apps, libs and tests', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['apps', 'libs', 'tests']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(root.length)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
    );
    assert.ok(results.length > 30, `only ${results.length} files linted`);
    assert.deepEqual(problems, []);
  });
});
