// A failed benchmark says why first, exits non-zero, and stopping what it started hides nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './bench-env.js';
import { runBench } from './bench-run.js';

describe('a failing benchmark', () => {
  it('prints the error that stopped it first, then stops its PostgreSQL without a crash on the cut connection, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-bench-fail-'));
    try {
      const child = spawn(
        process.execPath,
        [join(root, 'tests/dist/bench/fixtures/failing-bench.js'), join(dir, 'db')],
        { cwd: root },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 1, output);
      const errors = output.split('\n').filter((l) => /✖|Error|error/.test(l) && !/^\s+at /.test(l));
      assert.match(errors[0] ?? '', /la vraie erreur : la génération a échoué/, output);
      assert.doesNotMatch(output, /terminating connection|57P01|Emitted 'error' event/, output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failed stop after the error, and a failed stop alone still fails the run', async () => {
    const lines: string[] = [];
    const code = await runBench(
      async (resources) => {
        resources.add('API', () => {
          throw new Error('arrêt impossible');
        });
        resources.add('Chromium', () => lines.push('Chromium fermé'));
        throw new Error('mesure impossible');
      },
      (l) => lines.push(l),
    );
    assert.equal(code, 1);
    assert.match(lines[0]!, /mesure impossible/);
    assert.equal(lines[1], 'Chromium fermé', 'stopped last-started first');
    assert.match(lines[2]!, /API : arrêt impossible/);

    const alone: string[] = [];
    const stopOnly = await runBench(
      async (resources) => {
        resources.add('API', () => Promise.reject(new Error('arrêt impossible')));
      },
      (l) => alone.push(l),
    );
    assert.equal(stopOnly, 1);
    assert.match(alone.join('\n'), /API : arrêt impossible/);
  });
});
