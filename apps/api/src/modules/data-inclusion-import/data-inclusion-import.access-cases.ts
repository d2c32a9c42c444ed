// Who may import a data·inclusion file: the département's admins only. Each call sends a fresh
// one-structure file (a new source id), so the admin's import creates one structure.
import { randomUUID } from 'node:crypto';
import { signedIn, type AccessCase } from '../../common/access/access-cases.js';

const oneStructure = () =>
  Buffer.from(
    JSON.stringify([{ source: 'matrice', id: randomUUID(), nom: 'Structure de la matrice', date_maj: '2026-01-05' }]),
  );

export const DATA_INCLUSION_IMPORT_CASES: AccessCase[] = [
  {
    route: 'POST /tenants/:slug/data-inclusion/import',
    expect: signedIn(403, { admin: 200, other_agent: 404, platform_admin: 404 }),
    request: (c) => ({
      path: `/tenants/${c.tenant.slug}/data-inclusion/import`,
      upload: { file: oneStructure(), name: 'structures.json' },
    }),
  },
];
