// Who may do what with the routes of this module: the open data export is public, everyone reads
// it (an unknown département answers 404: data-inclusion-export-bad-input.spec.ts).
import { everyone, type AccessCase } from '../../common/access/access-cases.js';

const ROUTES = [
  'data-inclusion',
  'data-inclusion/structures',
  'data-inclusion/structures.json',
  'data-inclusion/structures.csv',
  'data-inclusion/services',
  'data-inclusion/services.json',
  'data-inclusion/services.csv',
];

export const DATA_INCLUSION_EXPORT_CASES: AccessCase[] = ROUTES.map((route) => ({
  route: `GET /tenants/:slug/${route}`,
  expect: everyone(200),
}));
