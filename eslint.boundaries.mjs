// Boundaries between projects (the Nx tags of their project.json) and between the API's layers,
// with ESLint's core no-restricted-imports (no type information needed). Used by eslint.config.mjs
// and by tests/quality/module-boundaries.spec.ts, which also checks that they fire.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TESTS = {
  regex: '^@catalogue/tests(/|$)|(^|/)tests/',
  message: 'Nothing but tests imports from tests (type:e2e).',
};
const API = {
  regex: '^@catalogue/api(/|$)|(^|/)apps/api/',
  message: 'Only the API (scope:api) and tests import the API.',
};
const WEB = {
  regex: '^@catalogue/web(/|$)|(^|/)apps/web/',
  message: 'Only the web app (scope:web) and tests import the web app.',
};
const NO_MODULES = {
  regex: '(^|/)modules/|^@catalogue/api/modules/',
  message: 'apps/api/src/common never imports apps/api/src/modules: move what every module needs into common.',
};
const OTHER_MODULES_REPOSITORY = {
  regex: '^\\.\\./[^./][^/]*/.*\\.repository(\\.js)?$',
  message: "A module never imports another module's repository: ask that module's exported service.",
};
const restrict = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

/** Only the boundary rules, for files of apps/, libs/ and tests/. */
export const boundaryRules = [
  // libs (type:lib, scope:shared) import only libs.
  restrict(['libs/**/*.{ts,tsx}'], API, WEB, TESTS),
  // The web app never imports the API; the API never imports the web app.
  restrict(['apps/web/**/*.{ts,tsx}'], API, TESTS),
  // A later block replaces an earlier one's options for the same rule: the general one first.
  restrict(['apps/api/**/*.ts'], WEB, TESTS),
  restrict(['apps/api/src/common/**/*.ts'], WEB, TESTS, NO_MODULES),
  // A module reads and writes its own tables: another module's repository is out of reach.
  restrict(['apps/api/src/modules/**/*.ts'], WEB, TESTS, OTHER_MODULES_REPOSITORY),
];

/** The same rules standing alone: TypeScript parsed without a project (fast). */
export const boundaryConfig = [
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/web/dist-test/**'] },
  {
    files: ['apps/**/*.{ts,tsx}', 'libs/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    // Known to the inline directives of the web app; none of their rules is on here.
    plugins: { 'react-hooks': reactHooks },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  ...boundaryRules,
];
