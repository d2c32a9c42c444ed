#!/usr/bin/env node
// Checks the demo data files (libs/domain/data/demo/<slug>.json) with the loader's own rules
// (apps/api/src/demo/demo-file.ts) and prints what each holds. Usage: node scripts/validate-demo.mjs [slug …]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib.mjs';

ensureDependencies();
build();
const { parseDemoFile, DemoFileError } = await import(join(root, 'apps/api/dist/demo/demo-file.js'));
const { DEMO_TENANTS } = await import('@catalogue/domain');

let failed = 0;
const slugs = process.argv.slice(2).length ? process.argv.slice(2) : DEMO_TENANTS.map((t) => t.slug);
for (const slug of slugs) {
  try {
    const file = parseDemoFile(
      JSON.parse(readFileSync(join(root, 'libs/domain/data/demo', `${slug}.json`), 'utf8')),
      slug,
    );
    const offers = file.offers;
    const count = (f) => offers.filter(f).length;
    console.log(
      `${slug}: ${file.organizations.length} structures, ${offers.length} offres (${count((o) => o.access === 'self_registration')} en inscription, ` +
        `${count((o) => o.sessions.length > 0)} avec sessions), ${file.territories.length} territoires : OK`,
    );
  } catch (e) {
    failed++;
    console.log(e instanceof DemoFileError ? e.message : `${slug}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
