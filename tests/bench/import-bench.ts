// Spreadsheet import benchmark (issue 16): a partner's file of --import-lines lines (5,000, the
// limit) uploaded to the real API over HTTP, as a dry run then as the import.
//  1. its own embedded PostgreSQL (--data-dir, database catalogue_bench_import), migrated, with the
//     reference communes; the Drôme, a validated structure, its member signed in (a session opened
//     in the database as the tests' accounts.ts does) and an agent (who gets the import's email);
//  2. the real API started on it as a separate process; the file (CSV, UTF-8, `;`) has one line in
//     fifty refused (an unknown theme), the others varied over the themes, audiences and communes;
//  3. one warm-up dry run, then --import-runs dry runs and --import-runs imports (each import
//     its own file: a title changes, so that the guard against a second import lets it through).
// Per kind: wall time p50 (median) and max, the API process's peak memory (VmHWM, reset before
// each measured call when the kernel allows it) and its resident memory before. Results:
// bench/results/import.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { SPREADSHEET_COLUMNS } from '@catalogue/contracts';
import { AUDIENCES, THEMES } from '@catalogue/domain';
import { runMigrations } from '@catalogue/api/common/database/data-source.js';
import { startEmbeddedPostgres } from '@catalogue/api/common/database/embedded-postgres.js';
import { syncReferenceData } from '@catalogue/api/database/reference-data.js';
import { inTenantTransaction, upsertOrganization } from '@catalogue/api/database/catalogue-writer.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import { addMembership, makeUser, signedIn } from '@catalogue/api/testing/accounts.js';
import {
  benchOptions,
  log,
  machineInfo,
  percentile,
  recreateDatabase,
  round2,
  startBenchApi,
  writeResults,
} from './bench-env.js';
import { connectClient, runBench, type Resources } from './bench-run.js';

const DATABASE = 'catalogue_bench_import';
const REFUSED_EVERY = 50;

/** The file: `lines` data lines, `tag` in every title (a new file for each import). */
function spreadsheet(lines: number, communes: string[], tag: string): Buffer {
  const themes = THEMES.map((t) => t.code);
  const audiences = AUDIENCES.map((a) => a.code).filter((c) => c !== 'tous-publics');
  const rows = [SPREADSHEET_COLUMNS.map((c) => c.name).join(';')];
  for (let i = 1; i <= lines; i++) {
    const commune = communes[i % communes.length]!;
    const cells: Record<string, string> = {
      titre: `Action ${i} ${tag} : atelier collectif`,
      resume: 'Un atelier collectif pour avancer dans son parcours.',
      description: `Séances en petit groupe, avec un conseiller. Ligne ${i} du tableur.`,
      thematiques:
        i % REFUSED_EVERY === 0
          ? 'thematique-inconnue'
          : `${themes[i % themes.length]}|${themes[(i * 7) % themes.length]}`,
      publics: audiences[i % audiences.length]!,
      acces: ['prescription', 'open', 'self_registration'][i % 3]!,
      commune_insee: commune,
      adresse: `${i} rue de la République`,
      zone_diffusion: i % 4 === 0 ? `${commune}|${communes[(i + 1) % communes.length]}` : '',
      contact_courriel: `contact${i}@exemple.fr`,
      frequence_mise_a_jour: ['3', '6', '12'][i % 3]!,
    };
    rows.push(SPREADSHEET_COLUMNS.map((c) => cells[c.name] ?? '').join(';'));
  }
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
}

/** The process's memory in MiB: its peak resident set since the last reset, and its resident set now. */
function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMiB: round2(kb('VmHWM') / 1024), rssMiB: round2(kb('VmRSS') / 1024) };
}

/** Resets VmHWM to the current resident set (Linux: `echo 5 > clear_refs`); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function main(resources: Resources): Promise<void> {
  const options = benchOptions();
  const lines = options.importLines;
  const runs = options.importRuns;
  log(`Base de benchmark : ${options.dataDir} (base ${DATABASE})`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, database: DATABASE, fast: true, log });
  resources.add('PostgreSQL du benchmark', () => db.stop());
  await recreateDatabase(resources, db, DATABASE);
  await runMigrations(db.ownerUrl);
  await syncReferenceData(db.ownerUrl);
  const { client: owner } = await connectClient(resources, 'connexion propriétaire', db.ownerUrl);
  const tenant = await upsertTenant(owner, '26', 'drome', 'Drôme');
  const organizationId = await inTenantTransaction(owner, tenant.id, () =>
    upsertOrganization(owner, tenant.id, { name: 'Structure du benchmark', kind: 'association', status: 'validated' }),
  );
  const member = await makeUser(owner, { email: 'membre@bench.local', name: 'Dominique Membre' });
  await addMembership(owner, tenant, member.id, 'structure_admin', organizationId);
  const agent = await makeUser(owner, { email: 'agent@bench.local', name: 'Claude Agent' });
  await addMembership(owner, tenant, agent.id, 'agent');
  const session = await signedIn(owner, undefined as never, member);
  const { rows } = await owner.query<{ insee: string }>(
    `SELECT insee FROM commune WHERE departement = '26' ORDER BY population DESC LIMIT 200`,
  );
  const communes = rows.map((r) => r.insee);

  const api = await startBenchApi(resources, db);
  const pid = api.process.pid!;
  const url = `${api.base}/api/v1/tenants/drome/organizations/${organizationId}/offers/import`;
  log(`API prête sur le port ${api.port} ; fichier de ${lines} lignes`);

  const send = async (file: Buffer, dryRun: boolean) => {
    const form = new FormData();
    form.set('dryRun', String(dryRun));
    form.set('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'offres.csv');
    const res = await fetch(url, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken },
      body: form,
    });
    const body = (await res.json()) as { counts?: Record<string, number>; message?: string };
    if (res.status !== 200) throw new Error(`import ${dryRun ? '(essai) ' : ''}: ${res.status} ${body.message}`);
    return body.counts!;
  };

  const measure = async (kind: 'dryRun' | 'import') => {
    const times: number[] = [];
    const peaks: number[] = [];
    let peakReset = true;
    let counts: Record<string, number> = {};
    for (let run = 1; run <= runs; run++) {
      const file = spreadsheet(lines, communes, kind === 'import' ? `import ${run}` : 'essai');
      peakReset = resetPeak(pid) && peakReset;
      const before = memoryOf(pid);
      const start = performance.now();
      counts = await send(file, kind === 'dryRun');
      times.push(performance.now() - start);
      const after = memoryOf(pid);
      peaks.push(after.peakMiB);
      log(`${kind} ${run} : ${round2(times.at(-1)! / 1000)} s, mémoire ${before.rssMiB} → pic ${after.peakMiB} Mio`);
    }
    times.sort((a, b) => a - b);
    return {
      runs,
      counts,
      p50Seconds: round2(percentile(times, 0.5) / 1000),
      maxSeconds: round2(times.at(-1)! / 1000),
      peakMemoryMiB: Math.max(...peaks),
      peakReset,
    };
  };

  const fileBytes = spreadsheet(lines, communes, 'essai').length;
  await send(spreadsheet(lines, communes, 'échauffement'), true);
  const dryRun = await measure('dryRun');
  const imported = await measure('import');
  // In the tenant's transaction: the owner role is under row-level security too.
  const { rows: count } = await inTenantTransaction(owner, tenant.id, () =>
    owner.query<{ n: number; emails: number }>(
      `SELECT (SELECT count(*)::int FROM offer WHERE status = 'submitted') AS n,
              (SELECT count(*)::int FROM email_outbox WHERE to_address = 'agent@bench.local') AS emails`,
    ),
  );
  const expected = runs * (lines - Math.floor(lines / REFUSED_EVERY));
  if (count[0]!.n !== expected) throw new Error(`${count[0]!.n} offres soumises, ${expected} attendues`);
  if (count[0]!.emails !== runs)
    throw new Error(`${count[0]!.emails} courriels à l’agent, ${runs} attendus (un par import)`);
  const out = {
    dataset: { lines, fileBytes, refusedEvery: REFUSED_EVERY, format: 'CSV UTF-8 avec BOM, séparateur ;' },
    measure:
      'client wall time of POST …/offers/import over HTTP (multipart), API in its own process; peak = VmHWM of that process',
    results: { dryRun, import: imported },
    check: { submittedOffers: count[0]!.n, agentEmails: count[0]!.emails },
    machine: machineInfo(),
  };
  const file = writeResults(options, 'import.json', out);
  log(`Résultats : ${file}`);
}

process.exit(await runBench(main));
