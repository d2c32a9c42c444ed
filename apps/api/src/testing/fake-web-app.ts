// A built web app in miniature for the tests that serve one (webDir of startTestApp / startApiTest):
// an index.html and one hashed asset, in a temporary folder the caller removes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The hashed asset's path under the web app's root. */
export const FAKE_ASSET = '/assets/main-abc123.js';

export function makeFakeWebDir(): string {
  const webDir = mkdtempSync(join(tmpdir(), 'catalogue-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  writeFileSync(join(webDir, FAKE_ASSET), 'console.log(1)');
  return webDir;
}
