// A partner's spreadsheet, end to end as its member: the template imports as it is; a file of 30
// lines each wrong in its own way and a few good ones gives 30 precise messages and creates the
// good lines only, as offers submitted for moderation (one email to each agent, one audit entry);
// the same file as XLSX and as Windows-1252 `;` CSV gives the same report; a dry run writes
// nothing; the same file twice at once is imported once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { addMembership, clientWithRole, makeUser, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { cp1252Csv, goodRow, utf8Csv, xlsxOf, type Row } from './offer-import.test-helpers.js';

const long = (n: number) => 'x'.repeat(n);

describe('spreadsheet import of offers', () => {
  let api: ApiTest;
  let member: SignedInClient;
  let org: string;
  let base: string;
  let here: CommunePoint;
  let elsewhere: string;
  let agentEmail: string;

  before(async () => {
    api = await startApiTest();
    org = await makeOrganization(api.owner, api.tenant);
    member = await clientWithRole(api.owner, api.t.http, api.tenant, 'structure_member', org);
    const agent = await makeUser(api.owner);
    await addMembership(api.owner, api.tenant, agent.id, 'agent');
    agentEmail = agent.email;
    [here] = (await communesOf(api.owner, api.tenant)).filter((c) => c.epci);
    const { rows } = await api.owner.query<{ insee: string }>(
      `SELECT insee FROM commune WHERE departement <> $1 ORDER BY insee LIMIT 1`,
      [api.tenant.code],
    );
    elsewhere = rows[0]!.insee;
    base = `/api/v1/tenants/${api.tenant.slug}/organizations/${org}/offers`;
  });
  after(() => api.close());

  const upload = (file: Buffer, name: string, dryRun: boolean, as = member) =>
    api.t.http
      .post(`${base}/import`)
      .set('Cookie', as.cookie)
      .set('X-CSRF-Token', as.csrfToken)
      .field('dryRun', String(dryRun))
      .attach('file', file, name);

  const offersOf = async (organizationId: string) =>
    inTenantTransaction(api.owner, api.tenant.id, async () => {
      const { rows } = await api.owner.query<{ title: string; status: string; places: number }>(
        `SELECT o.title, o.status, (SELECT count(*)::int FROM offer_place p WHERE p.offer_id = o.id) AS places
           FROM offer o WHERE o.organization_id = $1 ORDER BY o.title`,
        [organizationId],
      );
      return rows;
    });

  it('gives a template whose example line imports as it is (CSV), and an XLSX with its « Aide » sheet', async () => {
    const csv = await member.get(`${base}/import-template.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    const [header, example] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(header!.startsWith('titre;resume;description;thematiques;publics;acces;commune_insee;adresse;'));
    const dry = await upload(Buffer.from(`${header}\r\n${example}\r\n`), 'modele.csv', true);
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body.lines, [
      { line: 2, status: 'created', errors: [], label: 'Atelier CV et lettre de motivation', id: null },
    ]);

    const xlsx = await member
      .get(`${base}/import-template.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    assert.equal(xlsx.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Offres', 'Aide'],
    );
    assert.equal(book.worksheets[0]!.getRow(1).getCell(1).value, 'titre');
    const help = book.worksheets[1]!;
    const texts = help.getColumn(1).values.map(String);
    assert.ok(texts.includes('tous-publics') && texts.includes('self_registration'), 'the codes are listed');
  });

  it('refuses 30 lines, each with its precise message, and imports the good ones only, in any format', async () => {
    const bad: { row: Row; column: string; message: RegExp }[] = [
      { row: { titre: '' }, column: 'titre', message: /^Titre manquant$/ },
      { row: { titre: long(201) }, column: 'titre', message: /^Titre : 201 caractères, 200 au plus$/ },
      { row: { resume: long(501) }, column: 'resume', message: /^Résumé : 501 caractères, 500 au plus$/ },
      {
        row: { description: long(10_001) },
        column: 'description',
        message: /^Description : 10\u202f001 caractères, 10\u202f000 au plus$/,
      },
      { row: { thematiques: '' }, column: 'thematiques', message: /^Au moins une thématique est obligatoire$/ },
      { row: { thematiques: 'xyz' }, column: 'thematiques', message: /^Code inconnu « xyz » dans « thematiques »/ },
      { row: { publics: 'retraites' }, column: 'publics', message: /^Code inconnu « retraites » dans « publics »/ },
      {
        row: { publics: 'tous-publics|jeunes' },
        column: 'publics',
        message: /^« tous-publics » ne se combine avec aucun autre public$/,
      },
      { row: { acces: '' }, column: 'acces', message: /^Mode d’accès manquant/ },
      { row: { acces: 'libre' }, column: 'acces', message: /^Mode d’accès « libre » inconnu/ },
      { row: { commune_insee: '' }, column: 'commune_insee', message: /^Code INSEE de la commune manquant$/ },
      {
        row: { commune_insee: 'Valence' },
        column: 'commune_insee',
        message: /^« Valence » n’est pas un code INSEE de commune/,
      },
      {
        row: { commune_insee: '@OUT' },
        column: 'commune_insee',
        message: /^La commune « [0-9][0-9AB][0-9]{3} » n’est pas une commune d/,
      },
      { row: { adresse: '' }, column: 'adresse', message: /^Adresse manquante$/ },
      { row: { adresse: long(301) }, column: 'adresse', message: /^Adresse : 301 caractères, 300 au plus$/ },
      { row: { lieu: long(201) }, column: 'lieu', message: /^Nom du lieu : 201 caractères, 200 au plus$/ },
      {
        row: { zone_diffusion: '@OUT' },
        column: 'zone_diffusion',
        message: /^Commune « [0-9][0-9AB][0-9]{3} » hors du département$/,
      },
      {
        row: { zone_diffusion: '999999999' },
        column: 'zone_diffusion',
        message: /^EPCI « 999999999 » hors du département$/,
      },
      {
        row: { zone_diffusion: 'partout' },
        column: 'zone_diffusion',
        message: /^« partout » : le code du département/,
      },
      { row: { types: 'stage' }, column: 'types', message: /^Code inconnu « stage » dans « types »/ },
      { row: { frais: 'cher' }, column: 'frais', message: /^Frais « cher » : « gratuit » ou « payant »$/ },
      { row: { frais: 'payant' }, column: 'precisions_frais', message: /^Une action payante précise ses frais/ },
      {
        row: { precisions_frais: long(501) },
        column: 'precisions_frais',
        message: /^Précisions sur les frais : 501 caractères/,
      },
      {
        row: { conditions_acces: long(5001) },
        column: 'conditions_acces',
        message: /^Conditions d’accès : 5\u202f001 caractères/,
      },
      {
        row: { modes_accueil: 'visio' },
        column: 'modes_accueil',
        message: /^Code inconnu « visio » dans « modes_accueil »/,
      },
      {
        row: { modes_mobilisation: 'courrier' },
        column: 'modes_mobilisation',
        message: /^Code inconnu « courrier » dans « modes_mobilisation »/,
      },
      { row: { contact_nom: long(201) }, column: 'contact_nom', message: /^Nom du contact : 201 caractères/ },
      {
        row: { contact_courriel: 'pas-une-adresse' },
        column: 'contact_courriel',
        message: /^« pas-une-adresse » n’est pas une adresse électronique valide$/,
      },
      {
        row: { contact_telephone: '12' },
        column: 'contact_telephone',
        message: /^« 12 » n’est pas un numéro de téléphone valide$/,
      },
      {
        row: { frequence_mise_a_jour: '5' },
        column: 'frequence_mise_a_jour',
        message: /^Fréquence « 5 » : 3, 6 ou 12 \(mois\)$/,
      },
    ];
    assert.equal(new Set(bad.map((b) => b.message.source)).size, 30, 'thirty different faults');
    const fill = (r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace('@OUT', elsewhere)]));
    const good: Row[] = [
      goodRow(here.insee, 'Import A : atelier CV'),
      goodRow(here.insee, 'Import B : zone de communes', {
        zone_diffusion: here.insee,
        lieu: 'Antenne',
        types: 'atelier',
      }),
      goodRow(here.insee, 'Import C : payant, EPCI', {
        zone_diffusion: here.epci!,
        frais: 'payant',
        precisions_frais: '10 € par séance',
        publics: 'tous-publics',
        contact_courriel: 'Contact@Exemple.fr',
        contact_telephone: '04 75 00 00 00',
        frequence_mise_a_jour: '12',
      }),
    ];
    // Good lines first, in the middle and last: the report keeps the file's line numbers.
    const rows = [
      good[0]!,
      ...bad.slice(0, 15).map((b) => goodRow(here.insee, `Fautive ${b.column}`, fill(b.row))),
      good[1]!,
    ];
    rows.push(...bad.slice(15).map((b) => goodRow(here.insee, `Fautive ${b.column}`, fill(b.row))), good[2]!);
    const faultLine = (i: number) => (i < 15 ? i + 3 : i + 4);

    const reports = [];
    for (const [file, name] of [
      [utf8Csv(rows, ',', true), 'offres.csv'],
      [await xlsxOf(rows), 'offres.xlsx'],
      [cp1252Csv(rows, ';'), 'offres-windows.csv'],
    ] as const) {
      const res = await upload(file, name, true);
      assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.body).slice(0, 300)}`);
      reports.push(res.body);
    }
    const [report] = reports;
    assert.deepEqual(report.counts, { created: 3, updated: 0, unchanged: 0, refused: 30 });
    bad.forEach((b, i) => {
      const line = report.lines.find((l: { line: number }) => l.line === faultLine(i));
      assert.equal(line.status, 'refused', `line ${faultLine(i)}`);
      assert.equal(line.errors.length, 1, `line ${faultLine(i)}: ${JSON.stringify(line.errors)}`);
      assert.equal(line.errors[0].column, b.column, `line ${faultLine(i)}`);
      assert.match(line.errors[0].message, b.message, `line ${faultLine(i)}`);
    });
    assert.deepEqual(
      report.lines.filter((l: { status: string }) => l.status === 'created').map((l: { line: number }) => l.line),
      [2, 18, 34],
    );
    assert.deepEqual(reports[1], report, 'XLSX gives the same report');
    assert.deepEqual(reports[2], report, 'Windows-1252 with `;` gives the same report');
    assert.deepEqual(await offersOf(org), [], 'a dry run writes nothing');

    const emailsBefore = await emailsTo(agentEmail);
    const real = await upload(cp1252Csv(rows, ';'), 'offres-windows.csv', false);
    assert.equal(real.status, 200, JSON.stringify(real.body).slice(0, 300));
    assert.equal(real.body.dryRun, false);
    assert.deepEqual(real.body.counts, report.counts);
    assert.ok(
      real.body.lines.filter((l: { status: string }) => l.status === 'created').every((l: { id: string }) => l.id),
    );
    assert.deepEqual(await offersOf(org), [
      { title: 'Import A : atelier CV', status: 'submitted', places: 1 },
      { title: 'Import B : zone de communes', status: 'submitted', places: 1 },
      { title: 'Import C : payant, EPCI', status: 'submitted', places: 1 },
    ]);
    const mails = (await emailsTo(agentEmail)).slice(emailsBefore.length);
    assert.deepEqual(mails, ['3 offres à modérer (import)'], 'one email for the import, not one per offer');

    const c = real.body.lines.find((l: { line: number }) => l.line === 34).id;
    const offer = (await member.get(`/api/v1/tenants/${api.tenant.slug}/offers/${c}`)).body;
    assert.deepEqual(
      [
        offer.cost,
        offer.costDetails,
        offer.audiences,
        offer.diffusionZone.type,
        offer.contact.email,
        offer.updateFrequencyMonths,
      ],
      ['payant', '10 € par séance', ['tous-publics'], 'epci', 'contact@exemple.fr', 12],
    );
    const queue = await clientWithRole(api.owner, api.t.http, api.tenant, 'agent');
    const moderation = await queue.get(`/api/v1/tenants/${api.tenant.slug}/moderation/offers`);
    assert.equal(moderation.status, 200);
    assert.ok(JSON.stringify(moderation.body).includes('Import A : atelier CV'), 'the agents see them to moderate');
    const audit = await inTenantTransaction(
      api.owner,
      api.tenant.id,
      async () =>
        (
          await api.owner.query(`SELECT summary FROM audit_log WHERE action = 'offer.imported' AND target_id = $1`, [
            org,
          ])
        ).rows,
    );
    assert.equal(audit.length, 1);
    assert.match(audit[0].summary, /3 offre\(s\) créée\(s\) et soumise\(s\), 30 ligne\(s\) refusée\(s\)/);
  });

  const emailsTo = async (to: string) =>
    (
      await api.owner.query<{ subject: string }>(`SELECT subject FROM email_outbox WHERE to_address = $1 ORDER BY id`, [
        to,
      ])
    ).rows.map((r) => r.subject);

  it('imports the same file once when it is sent twice at the same moment (409 for the other)', async () => {
    const other = await makeOrganization(api.owner, api.tenant);
    const admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'structure_admin', other);
    const file = utf8Csv([goodRow(here.insee, 'Course 1'), goodRow(here.insee, 'Course 2')]);
    const send = () =>
      api.t.http
        .post(`/api/v1/tenants/${api.tenant.slug}/organizations/${other}/offers/import`)
        .set('Cookie', admin.cookie)
        .set('X-CSRF-Token', admin.csrfToken)
        .attach('file', file, 'course.csv');
    const statuses = (await Promise.all([send(), send(), send()])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409]);
    assert.equal((await offersOf(other)).length, 2);
    const again = await send();
    assert.equal(again.status, 409);
    assert.match(
      again.body.message,
      /^Ce fichier a déjà été importé pour cette structure le .+ à \d\d\u202fh\u202f\d\d/,
    );
  });

  it('refuses the members of a pending structure (403) and a file whose header is wrong, naming the column (400)', async () => {
    const pending = await makeOrganization(api.owner, api.tenant, { status: 'pending' });
    const p = await clientWithRole(api.owner, api.t.http, api.tenant, 'structure_admin', pending);
    const file = utf8Csv([goodRow(here.insee, 'En attente')]);
    const res = await api.t.http
      .post(`/api/v1/tenants/${api.tenant.slug}/organizations/${pending}/offers/import`)
      .set('Cookie', p.cookie)
      .set('X-CSRF-Token', p.csrfToken)
      .attach('file', file, 'offres.csv');
    assert.equal(res.status, 403);

    const unknown = Buffer.from(
      `titre,thematiques,acces,commune_insee,adresse,couleur\r\nA,x,open,${here.insee},1 rue\r\n`,
    );
    const r1 = await upload(unknown, 'offres.csv', true);
    assert.equal(r1.status, 400);
    assert.equal(r1.body.message, 'Colonne inconnue « couleur » en ligne 1');
    const missing = Buffer.from(`titre;resume;thematiques;commune_insee\r\nA;b;x;${here.insee}\r\n`);
    const r2 = await upload(missing, 'offres.csv', true);
    assert.equal(r2.status, 400);
    assert.equal(r2.body.message, 'Colonnes obligatoires absentes : « acces », « adresse »');
  });
});
