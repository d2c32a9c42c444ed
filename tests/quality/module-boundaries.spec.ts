// The boundary rules of eslint.boundaries.mjs (also part of `npm run lint`) hold on the tree, and
// they do fire: each planted violation, given as text, is reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function boundaryLinter(): Promise<ESLint> {
  const { boundaryConfig } = (await import(pathToFileURL(join(root, 'eslint.boundaries.mjs')).href)) as {
    boundaryConfig: Linter.Config[];
  };
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: boundaryConfig });
}

const problems = (results: ESLint.LintResult[]) =>
  results.flatMap((r) =>
    r.messages.map((m) => `${r.filePath.slice(root.length)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
  );

describe('module boundaries', () => {
  it('finds no import across a boundary in apps, libs and tests', async () => {
    const results = await (await boundaryLinter()).lintFiles(['apps', 'libs', 'tests']);
    assert.ok(results.length > 100, `only ${results.length} files linted`);
    assert.deepEqual(problems(results), []);
  });

  const violations: [string, string, string][] = [
    ['apps/api/src/common/auth/planted.ts', "import { Outbox } from '../../modules/mail/mail.module.js';", 'common'],
    ['libs/domain/src/planted.ts', "import { AppModule } from '@catalogue/api/app.module.js';", 'API'],
    ['libs/contracts/src/planted.ts', "import { App } from '../../../apps/web/src/app/App.js';", 'web app'],
    ['apps/web/src/planted.ts', "import type { Tenant } from '@catalogue/api/common/tenancy/tenant.js';", 'API'],
    ['apps/api/src/planted.ts', "import { api } from '@catalogue/web/src/api.js';", 'web app'],
    [
      'apps/api/src/modules/offers/planted.ts',
      "import { log } from '../../../../../tests/bench/bench-env.js';",
      'tests',
    ],
    [
      'apps/api/src/modules/platform/planted.ts',
      "import { UsersRepository } from '../auth/users.repository.js';",
      "another module's repository",
    ],
  ];
  for (const [file, code, what] of violations) {
    it(`reports ${file} importing the ${what}`, async () => {
      const [result] = await (await boundaryLinter()).lintText(code, { filePath: join(root, file) });
      const messages = result!.messages.map((m) => m.ruleId);
      assert.deepEqual(messages, ['no-restricted-imports'], problems([result!]).join('\n'));
    });
  }

  it('lets tests import the API and the libs, and libs import libs', async () => {
    const linter = await boundaryLinter();
    for (const [file, code] of [
      ['tests/bench/planted.ts', "import { AppModule } from '@catalogue/api/app.module.js';"],
      ['libs/contracts/src/planted.ts', "import { THEMES } from '@catalogue/domain';"],
      ['apps/api/src/modules/offers/planted.ts', "import { Policy } from '../../common/policy/policy.service.js';"],
      [
        'apps/api/src/modules/offers/planted.ts',
        "import { OffersWriteRepository } from './offers-write.repository.js';",
      ],
      [
        'apps/api/src/modules/platform/planted.ts',
        "import { StaffAccounts } from '../auth/staff-accounts.service.js';",
      ],
      [
        'apps/api/src/modules/offers/planted.ts',
        "import { SessionsRepository } from '../../common/auth/sessions.repository.js';",
      ],
    ]) {
      const [result] = await linter.lintText(code!, { filePath: join(root, file!) });
      assert.deepEqual(problems([result!]), []);
    }
  });
});
