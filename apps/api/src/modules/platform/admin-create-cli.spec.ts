// `npm run admin:create` as an operator types it: a refused request ends with a non-zero exit code,
// so that a provisioning script stops there (the embedded database's exit hook used to turn it into 0).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testUrls } from '../../testing/test-database.js';
import { runScript } from '../../testing/run-script.js';

describe('npm run admin:create (the command)', () => {
  it('refuses a bad email with « Erreur : » and exit code 1, and asks for --email with code 2', async () => {
    const { appUrl, ownerUrl } = testUrls();
    const env = { DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl, DEMO_DATA: 'false' };
    const refused = await runScript('admin-create.mjs', ['--email', 'pas-une-adresse'], env);
    assert.equal(refused.code, 1, refused.out);
    assert.match(refused.out, /Erreur : /);
    const usage = await runScript('admin-create.mjs', [], env);
    assert.equal(usage.code, 2, usage.out);
    assert.match(usage.out, /Usage : npm run admin:create/);
  });
});
