// A module writes only its own tables (its `<NAME>_TABLES`), and common/ only COMMON_TABLES: for
// anything else it asks the owner's service. The SQL of every run-time file is read (the text of
// its template literals) and each INSERT INTO / UPDATE / DELETE FROM is checked against the
// owners. The few cross-module writes that remain are listed below with their reason: a new one
// fails this test until it goes through the owner's service or is argued here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_TABLES } from '../common/tables.js';
import { AGREEMENTS_TABLES } from '../modules/agreements/agreements.module.js';
import { BILANS_TABLES } from '../modules/bilans/bilans.module.js';
import { REPORTS_TABLES } from '../modules/reports/reports.module.js';
import { API_KEYS_TABLES } from '../modules/api-keys/api-keys.module.js';
import { APPLICATIONS_TABLES } from '../modules/applications/applications.module.js';
import { AUTH_TABLES } from '../modules/auth/auth.module.js';
import { CALLS_TABLES } from '../modules/calls/calls.module.js';
import { PLAN_TABLES } from '../modules/plan/plan.module.js';
import { GEO_TABLES } from '../modules/geo/geo.module.js';
import { OFFERS_TABLES } from '../modules/offers/offers.module.js';
import { ORGANIZATIONS_TABLES } from '../modules/organizations/organizations.module.js';
import { PLATFORM_TABLES } from '../modules/platform/platform.module.js';
import { REGISTRATIONS_TABLES } from '../modules/registrations/registrations.module.js';
import { SEARCH_TABLES } from '../modules/search/search.module.js';
import { SESSIONS_TABLES } from '../modules/sessions/sessions.module.js';

const OWNED: Record<string, readonly string[]> = {
  common: COMMON_TABLES,
  agreements: AGREEMENTS_TABLES,
  applications: APPLICATIONS_TABLES,
  bilans: BILANS_TABLES,
  reports: REPORTS_TABLES,
  'api-keys': API_KEYS_TABLES,
  auth: AUTH_TABLES,
  calls: CALLS_TABLES,
  plan: PLAN_TABLES,
  geo: GEO_TABLES,
  offers: OFFERS_TABLES,
  organizations: ORGANIZATIONS_TABLES,
  platform: PLATFORM_TABLES,
  registrations: REGISTRATIONS_TABLES,
  search: SEARCH_TABLES,
  sessions: SESSIONS_TABLES,
};

/** Cross-module writes that remain, `file → tables`, each with its reason. */
const KNOWN_CROSS_WRITES: Record<string, { tables: string[]; reason: string }> = {
  'modules/offers/overdue-digest.ts': {
    tables: ['app_user'],
    reason: 'the month stamp (digest_sent_for) is set by the UPDATE that wins the send, in the same statement',
  },
  'modules/platform/staff.repository.ts': {
    tables: ['membership'],
    reason: 'département staff (agent, admin) are memberships without structure, managed by the platform module',
  },
  'modules/platform/admin-create.ts': {
    tables: ['app_user', 'auth_token', 'audit_log'],
    reason: 'the command line that creates the first platform admin, outside the running app',
  },
  'modules/auth/auth.service.ts': {
    tables: ['user_session'],
    reason:
      'signing in drops the session the browser came with, in the transaction that opens the new one (common/auth owns the table)',
  },
  'modules/auth/auth-housekeeping.ts': {
    tables: ['user_session', 'rate_limit'],
    reason: 'the hourly job deletes expired sessions and rate-limit windows of common/auth',
  },
  'modules/mail/mail-worker.ts': {
    tables: ['email_outbox'],
    reason: 'the worker delivers what common/outbox queued and marks it sent',
  },
};

const src = fileURLToPath(new URL('../../src', import.meta.url));

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return runtimeFiles(p);
    const testOnly = /\.(spec|access-cases|test-helpers)\.ts$/.test(e.name);
    return e.name.endsWith('.ts') && !testOnly ? [p] : [];
  });
}

/** The tables a file's SQL writes: INSERT INTO / UPDATE / DELETE FROM inside template literals. */
export function writtenTables(source: string): string[] {
  const sql = source.match(/`[^`]*`/g) ?? [];
  const tables = sql.flatMap((s) =>
    [...s.matchAll(/\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)\b/g)].map((m) => m[1]!),
  );
  return [...new Set(tables)].sort();
}

function ownerOf(file: string): string | undefined {
  const [top, name] = file.split('/');
  return top === 'common' ? 'common' : top === 'modules' ? name : undefined;
}

describe('table ownership', () => {
  it('reads the writes of a SQL text', () => {
    assert.deepEqual(
      writtenTables(
        'q(`UPDATE offer SET a = 1`); q(`INSERT INTO offer_event (x) VALUES (1) ON CONFLICT DO UPDATE SET x = 2`)',
      ),
      ['offer', 'offer_event'],
    );
    assert.deepEqual(writtenTables('// an UPDATE that nobody runs\nq(`DELETE FROM user_session WHERE id = $1`)'), [
      'user_session',
    ]);
  });

  it('every table has one owner', () => {
    const all = Object.values(OWNED).flat();
    assert.deepEqual(
      all.filter((t, i) => all.indexOf(t) !== i),
      [],
    );
  });

  it('a module (and common/) writes only its own tables, but for the listed exceptions', () => {
    const found: Record<string, string[]> = {};
    const unknown: string[] = [];
    for (const path of [...runtimeFiles(join(src, 'common')), ...runtimeFiles(join(src, 'modules'))]) {
      const file = relative(src, path);
      const owner = ownerOf(file)!;
      const own = OWNED[owner] ?? [];
      const foreign = writtenTables(readFileSync(path, 'utf8')).filter((t) => !own.includes(t));
      if (!foreign.length) continue;
      found[file] = foreign;
      const known = KNOWN_CROSS_WRITES[file]?.tables ?? [];
      unknown.push(...foreign.filter((t) => !known.includes(t)).map((t) => `${file} writes ${t}`));
    }
    assert.deepEqual(unknown, [], 'write through the owner module’s service, or argue the exception here');
    // An exception that no longer happens is removed from the list.
    const stale = Object.entries(KNOWN_CROSS_WRITES).flatMap(([file, { tables }]) =>
      tables.filter((t) => !found[file]?.includes(t)).map((t) => `${file} no longer writes ${t}`),
    );
    assert.deepEqual(stale, []);
  });
});
