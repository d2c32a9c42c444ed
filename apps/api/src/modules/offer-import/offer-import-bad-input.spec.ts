// Every bad upload of the spreadsheet import is refused with a French 400 (or 413 beyond the
// limits) naming `file`, never a 500; invalid UTF-8 is no fault: it is read as Windows-1252.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IMPORT_LIMITS } from '@catalogue/contracts';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { COLUMNS, csvText, goodRow, utf8Csv } from './offer-import.test-helpers.js';

describe('bad input on the spreadsheet import', () => {
  let api: ApiTest;
  let member: SignedInClient;
  let url: string;
  let insee: string;
  before(async () => {
    api = await startApiTest();
    const org = await makeOrganization(api.owner, api.tenant);
    member = await clientWithRole(api.owner, api.t.http, api.tenant, 'structure_admin', org);
    insee = (await communesOf(api.owner, api.tenant))[0]!.insee;
    url = `/api/v1/tenants/${api.tenant.slug}/organizations/${org}/offers/import`;
  });
  after(() => api.close());

  const send = (file: Buffer, name = 'offres.csv', dryRun = 'true') =>
    api.t.http
      .post(url)
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrfToken)
      .field('dryRun', dryRun)
      .attach('file', file, name);

  it('refuses each bad file with a message that says what is wrong', async () => {
    const header = COLUMNS.join(',');
    const cases: [string, () => Promise<Buffer> | Buffer, number, RegExp, string?][] = [
      ['an empty file', () => Buffer.alloc(0), 400, /^Le fichier est vide$/],
      ['a header only', () => Buffer.from(`${header}\r\n`), 400, /n’a que sa ligne d’en-tête/],
      ['binary garbage', () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99]), 400, /octets nuls/],
      [
        'a PDF renamed .csv',
        () => renderPdf({ issuer: 'X', title: 'Pas un tableau', blocks: [] }),
        400,
        /« PDF », pas un tableau/,
      ],
      ['NUL bytes in a CSV', () => Buffer.from(`${header}\r\nA\u0000B,x\r\n`), 400, /octets nuls/],
      [
        'a ZIP that is no workbook',
        () => Buffer.from('504b0304140000000000', 'hex'),
        400,
        /pas un classeur XLSX|XLSX illisible/,
      ],
      ['an unclosed quote', () => Buffer.from(`${header}\r\n"Atelier,x\r\n`), 400, /guillemet/],
      [
        'a header of another file',
        () => Buffer.from('nom,prenom\r\nA,B\r\n'),
        400,
        /^Colonne inconnue « nom » en ligne 1/,
      ],
      [
        'a repeated column',
        () => Buffer.from(`${header},titre\r\n`.concat(csvText([goodRow(insee, 'A')]).split('\r\n')[1]!, '\r\n')),
        400,
        /« titre » présente deux fois/,
      ],
      ['a bad dryRun', () => utf8Csv([goodRow(insee, 'A')]), 400, /dryRun/, 'peut-être'],
    ];
    for (const [why, file, status, message, dryRun] of cases) {
      const res = await send(await file(), 'offres.csv', dryRun);
      assert.equal(res.status, status, `${why}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.message, message, why);
    }
  });

  it('refuses a request without file, or not multipart (400 naming file)', async () => {
    const none = await api.t.http
      .post(url)
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrfToken)
      .field('dryRun', 'true');
    assert.equal(none.status, 400);
    assert.equal(none.body.parameter, 'file');
    const json = await member.post(url, { file: 'titre,acces' });
    assert.ok([400, 415].includes(json.status), String(json.status));
    assert.notEqual(json.status, 500);
  });

  it('reads invalid UTF-8 as Windows-1252, and a huge cell as a line too long', async () => {
    const latin = Buffer.concat([
      Buffer.from(`${COLUMNS.join(';')}\r\n`),
      Buffer.from(csvText([goodRow(insee, 'Atelier numérique')], ';').split('\r\n')[1]!, 'latin1'),
    ]);
    const res = await send(latin);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.lines[0].label, 'Atelier numérique');
    assert.equal(res.body.lines[0].status, 'created');

    const huge = await send(utf8Csv([goodRow(insee, 'Gros', { description: 'x'.repeat(2_000_000) })]));
    assert.equal(huge.status, 200);
    assert.deepEqual(huge.body.lines[0].errors, [
      { column: 'description', message: 'Description : 2\u202f000\u202f000 caractères, 10\u202f000 au plus' },
    ]);
  });

  it(`refuses ${IMPORT_LIMITS.spreadsheetLines + 1} lines and ${IMPORT_LIMITS.spreadsheetBytes} bytes + 1 (413)`, async () => {
    const line = csvText([goodRow(insee, 'L')]).split('\r\n')[1]!;
    const many = Buffer.from(`${COLUMNS.join(',')}\r\n${`${line}\r\n`.repeat(IMPORT_LIMITS.spreadsheetLines + 1)}`);
    const tooMany = await send(many);
    assert.equal(tooMany.status, 413);
    assert.equal(
      tooMany.body.message,
      '5\u202f001 lignes de données : 5\u202f000 au plus par import, découpez le fichier',
    );

    const big = Buffer.alloc(IMPORT_LIMITS.spreadsheetBytes + 1, 0x41);
    const tooBig = await send(big);
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.body.message, /^Fichier trop volumineux \(10 Mo au plus\)$/);
  });
});
