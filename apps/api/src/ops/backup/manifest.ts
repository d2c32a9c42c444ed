// The manifest.json of a backup archive (docs/sauvegarde.md): what it holds and how to check it.
// Read back from an archive that may be damaged or forged: every field is checked before use.

export const MANIFEST_FORMAT = 1;
export const MANIFEST_NAME = 'manifest.json';
export const DATA_DIR = 'data';
export const FILES_DIR = 'files';

export interface ManifestMigration {
  name: string;
  timestamp: number;
}

export interface ManifestTable {
  name: string;
  columns: string[];
  rows: number;
  /** sha256 (hex) of the table's COPY output, data/<name>.copy. */
  sha256: string;
}

export interface ManifestSequence {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface ManifestFile {
  /** Relative to FILES_DIR, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: number;
  product: { version: string; commit: string | null };
  createdAt: string;
  postgresVersion: string;
  lastMigration: ManifestMigration | null;
  migrations: ManifestMigration[];
  tables: ManifestTable[];
  sequences: ManifestSequence[];
  files: ManifestFile[];
  totals: { tables: number; rows: number; files: number; fileBytes: number };
}

/** A damaged, forged or unknown archive: the CLI prints the message (French), no stack. */
export class BackupFormatError extends Error {}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const fail = (what: string): never => {
  throw new BackupFormatError(`Manifeste de sauvegarde invalide : ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : fail(`${what} n'est pas une liste`));
const count = (v: unknown, what: string): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(`${what} n'est pas un entier positif`);

function migration(v: unknown): ManifestMigration {
  if (!isObject(v) || typeof v.name !== 'string' || !/^[A-Za-z0-9_]{1,200}$/.test(v.name)) return fail('migration');
  return { name: v.name, timestamp: count(v.timestamp, 'horodatage de migration') };
}

/** A relative path that stays inside FILES_DIR once joined to it. */
export function isSafeRelativePath(p: string): boolean {
  return (
    p.length > 0 &&
    p.length <= 1000 &&
    !p.startsWith('/') &&
    !p.includes('\\') &&
    !p.includes('\0') &&
    p.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/** Parses and checks a manifest read from an archive. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('JSON illisible');
  }
  if (!isObject(raw)) return fail('pas un objet');
  if (raw.format !== MANIFEST_FORMAT)
    return fail(`format ${String(raw.format)} inconnu (attendu : ${MANIFEST_FORMAT})`);
  const product = isObject(raw.product) ? raw.product : fail('version du produit');
  const tables = list(raw.tables, 'tables').map((t): ManifestTable => {
    if (!isObject(t) || typeof t.name !== 'string' || !IDENT.test(t.name)) return fail('nom de table');
    const columns = list(t.columns, `colonnes de ${t.name}`).map((c) =>
      typeof c === 'string' && IDENT.test(c) ? c : fail(`colonne de ${t.name as string}`),
    );
    if (typeof t.sha256 !== 'string' || !SHA256.test(t.sha256)) return fail(`empreinte de ${t.name}`);
    return { name: t.name, columns, rows: count(t.rows, `lignes de ${t.name}`), sha256: t.sha256 };
  });
  if (new Set(tables.map((t) => t.name)).size !== tables.length) fail('table en double');
  const sequences = list(raw.sequences, 'séquences').map((s): ManifestSequence => {
    if (!isObject(s) || typeof s.name !== 'string' || !IDENT.test(s.name)) return fail('nom de séquence');
    if (typeof s.lastValue !== 'string' || !/^-?[0-9]{1,19}$/.test(s.lastValue)) return fail(`valeur de ${s.name}`);
    if (typeof s.isCalled !== 'boolean') return fail(`état de ${s.name}`);
    return { name: s.name, lastValue: s.lastValue, isCalled: s.isCalled };
  });
  const files = list(raw.files, 'fichiers').map((f): ManifestFile => {
    if (!isObject(f) || typeof f.path !== 'string' || !isSafeRelativePath(f.path)) return fail('chemin de fichier');
    if (typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) return fail(`empreinte de ${f.path}`);
    return { path: f.path, bytes: count(f.bytes, `taille de ${f.path}`), sha256: f.sha256 };
  });
  const migrations = list(raw.migrations, 'migrations').map(migration);
  const lastMigration = raw.lastMigration === null ? null : migration(raw.lastMigration);
  if (lastMigration?.name !== migrations.at(-1)?.name) fail('dernière migration incohérente');
  const totals = isObject(raw.totals) ? raw.totals : fail('totaux');
  return {
    format: MANIFEST_FORMAT,
    product: {
      version: typeof product.version === 'string' ? product.version : fail('version du produit'),
      commit: typeof product.commit === 'string' ? product.commit : null,
    },
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : fail('date'),
    postgresVersion: typeof raw.postgresVersion === 'string' ? raw.postgresVersion : fail('version de PostgreSQL'),
    lastMigration,
    migrations,
    tables,
    sequences,
    files,
    totals: {
      tables: count(totals.tables, 'total des tables'),
      rows: count(totals.rows, 'total des lignes'),
      files: count(totals.files, 'total des fichiers'),
      fileBytes: count(totals.fileBytes, 'total des octets'),
    },
  };
}
