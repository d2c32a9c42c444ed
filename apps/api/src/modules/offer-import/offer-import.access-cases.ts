// Who may use the spreadsheet import of structure A: its members; the département's agents are
// refused (403); anyone else sees nothing (404). The upload is a dry run (nothing written), each
// role with its own file. A pending structure's members (403) are in offer-import.spec.ts.
import { signedIn, type AccessCase, type MatrixRole } from '../../common/access/access-cases.js';
import { goodRow, utf8Csv } from './offer-import.test-helpers.js';

const membersOnly = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { org_admin: ok, org_member: ok, agent: 403, admin: 403 });

export const OFFER_IMPORT_CASES: AccessCase[] = [
  {
    route: 'GET /tenants/:slug/organizations/:id/offers/import-template.csv',
    expect: membersOnly(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/offers/import-template.csv` }),
  },
  {
    route: 'GET /tenants/:slug/organizations/:id/offers/import-template.xlsx',
    expect: membersOnly(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/offers/import-template.xlsx` }),
  },
  {
    route: 'POST /tenants/:slug/organizations/:id/offers/import',
    expect: membersOnly(200),
    request: (c, role) => ({
      path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}/offers/import?dryRun=true`,
      upload: { file: utf8Csv([goodRow(c.commune.insee, `Atelier de la matrice (${role})`)]), name: 'offres.csv' },
    }),
  },
];
