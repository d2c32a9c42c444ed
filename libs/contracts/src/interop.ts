// Interoperability (issue 16): the data·inclusion export and import, the partners' spreadsheet
// import and the tenants' API keys. Shared by the API (what it answers) and the web (what it shows).

/** The licence of the open data export (data·inclusion asks for it). */
export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  spdx: 'etalab-2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The data·inclusion schema version the export follows and the import reads. */
export const DATA_INCLUSION_SCHEMA_VERSION = '1.0.8';

/** Limits of an uploaded import file. */
export const IMPORT_LIMITS = {
  /** Partners' spreadsheet: data lines (the header is line 1 and is not counted). */
  spreadsheetLines: 5000,
  spreadsheetBytes: 10 * 1024 * 1024,
  /** data·inclusion files (a whole département's structures or services). */
  dataInclusionRecords: 50000,
  dataInclusionBytes: 100 * 1024 * 1024,
  /** Errors reported per line at most (a line with more says so in its last message). */
  errorsPerLine: 20,
} as const;

/** What an import does (or would do, in a dry run) with one line. */
export type ImportLineStatus = 'created' | 'updated' | 'unchanged' | 'refused';

export const IMPORT_LINE_STATUS_LABELS: Record<ImportLineStatus, string> = {
  created: 'Créée',
  updated: 'Mise à jour',
  unchanged: 'Inchangée',
  refused: 'Refusée',
};

/** One problem of a line: the column (or data·inclusion field) and what is wrong, in French. */
export interface ImportLineError {
  column: string;
  message: string;
}

export interface ImportLineReport {
  /** Spreadsheet/CSV: the file's line number, the header being line 1. JSON: the record's position, from 1. */
  line: number;
  status: ImportLineStatus;
  errors: ImportLineError[];
  /** The offer or structure created or updated (absent for a refused line; in a dry run, for an update only). */
  id?: string | null;
  /** A short name of the line's record (its title or name), to find it in the report. */
  label?: string | null;
  /** data·inclusion import: which kind of record the line is. */
  kind?: 'structure' | 'service';
}

export interface ImportReport {
  dryRun: boolean;
  /** Counts per status over all lines. */
  counts: Record<ImportLineStatus, number>;
  lines: ImportLineReport[];
}

// --- The partners' spreadsheet -------------------------------------------------------------

export interface SpreadsheetColumn {
  /** The column's header in the file (French, lower case, no accents). */
  name: string;
  /** What to write in it, in French (shown in the template's notes and on the import page). */
  help: string;
  required: boolean;
  /** The template's example line. */
  example: string;
}

/**
 * The template's columns, in order: the first eight are fixed by the issue, the others follow.
 * Codes are the API's: `thematiques` and `publics` as data·inclusion codes separated by `|`,
 * `acces` one of `prescription`, `self_registration`, `open`.
 */
export const SPREADSHEET_COLUMNS: readonly SpreadsheetColumn[] = [
  {
    name: 'titre',
    required: true,
    help: 'Nom de l’action (200 caractères au plus).',
    example: 'Atelier CV et lettre de motivation',
  },
  {
    name: 'resume',
    required: false,
    help: 'Une ou deux phrases qui présentent l’action.',
    example: 'Un atelier collectif pour préparer sa candidature.',
  },
  {
    name: 'description',
    required: false,
    help: 'Le déroulé, les objectifs, les modalités.',
    example: 'Trois demi-journées en petit groupe, avec un conseiller emploi.',
  },
  {
    name: 'thematiques',
    required: true,
    help: 'Codes data·inclusion séparés par « | » (exemple : preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation).',
    example: 'preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation',
  },
  {
    name: 'publics',
    required: false,
    help: 'Codes data·inclusion séparés par « | » ; « tous-publics » seul.',
    example: 'demandeurs-emploi|beneficiaires-des-minimas-sociaux',
  },
  {
    name: 'acces',
    required: true,
    help: '« prescription » (sur prescription), « self_registration » (inscription en ligne) ou « open » (accès libre).',
    example: 'prescription',
  },
  {
    name: 'commune_insee',
    required: true,
    help: 'Code INSEE (5 caractères) d’une commune du département.',
    example: '26362',
  },
  { name: 'adresse', required: true, help: 'Adresse du lieu de l’action.', example: '12 rue de la Gare' },
  {
    name: 'lieu',
    required: false,
    help: 'Nom du lieu (200 caractères au plus), par exemple le nom du bâtiment ou de l’antenne.',
    example: 'Antenne de Valence',
  },
  {
    name: 'zone_diffusion',
    required: false,
    help: 'Où l’action est proposée : vide ou le code du département pour tout le département ; sinon des codes INSEE de communes, ou des SIREN d’EPCI (intercommunalités), séparés par « | ».',
    example: '26362|26198',
  },
  {
    name: 'types',
    required: false,
    help: 'Type de service, codes data·inclusion séparés par « | » (exemple : atelier, accompagnement).',
    example: 'atelier',
  },
  {
    name: 'frais',
    required: false,
    help: '« gratuit » (par défaut) ou « payant » ; une action payante précise ses frais.',
    example: 'gratuit',
  },
  {
    name: 'precisions_frais',
    required: false,
    help: 'Ce que coûte l’action (500 caractères au plus) ; obligatoire si elle est payante.',
    example: '',
  },
  {
    name: 'conditions_acces',
    required: false,
    help: 'Qui peut en bénéficier, à quelles conditions (5 000 caractères au plus).',
    example: 'Être inscrit comme demandeur d’emploi.',
  },
  {
    name: 'modes_accueil',
    required: false,
    help: '« en-presentiel » (par défaut) et/ou « a-distance », séparés par « | ».',
    example: 'en-presentiel',
  },
  {
    name: 'modes_mobilisation',
    required: false,
    help: 'Comment mobiliser l’action, codes data·inclusion séparés par « | » (exemple : telephoner, envoyer-un-courriel).',
    example: 'telephoner|envoyer-un-courriel',
  },
  { name: 'contact_nom', required: false, help: 'Nom de la personne à contacter.', example: 'Camille Martin' },
  {
    name: 'contact_courriel',
    required: false,
    help: 'Adresse électronique de contact.',
    example: 'contact@exemple.fr',
  },
  {
    name: 'contact_telephone',
    required: false,
    help: 'Numéro de téléphone de contact.',
    example: '04 75 00 00 00',
  },
  {
    name: 'frequence_mise_a_jour',
    required: false,
    help: 'Tous les combien de mois l’offre est revue : 3, 6 (par défaut) ou 12.',
    example: '6',
  },
] as const;

/** The header's column names, in the template's order. */
export const SPREADSHEET_COLUMN_NAMES: readonly string[] = SPREADSHEET_COLUMNS.map((c) => c.name);

// --- API keys -------------------------------------------------------------------------------

export const API_KEY_LIMITS = { nameMax: 100, perTenant: 50 } as const;

/** An API key as listed to the tenant's admins (never the secret itself). */
export interface ApiKeySummary {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart (`cik_ab12cd34…`). */
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Who revoked it (name), when revoked. */
  revokedBy?: string | null;
}

/** POST answer: the only time the secret is shown. */
export interface ApiKeyCreated extends ApiKeySummary {
  secret: string;
}

export interface ApiKeyCreate {
  name: string;
}

/** The national schema's documentation (the repository of the GIP de l'inclusion). */
export const DATA_INCLUSION_SCHEMA_DOCUMENTATION = 'https://github.com/gip-inclusion/data-inclusion-schema';

/** The addresses of one data·inclusion export (absolute URLs). */
export interface DataInclusionExportAddresses {
  /** The bare address (answers JSON). */
  api: string;
  json: string;
  csv: string;
}

/** GET /tenants/{slug}/data-inclusion: what the open data page shows. */
export interface DataInclusionExportInfo {
  /** The `source` of every record, `catalogue-insertion-{slug}`. */
  source: string;
  licence: { name: string; spdx: string; url: string };
  schema: { version: string; documentation: string };
  /** ISO date-time of the last change of what is exported (null: nothing yet). */
  lastModified: string | null;
  counts: { structures: number; services: number };
  structures: DataInclusionExportAddresses;
  services: DataInclusionExportAddresses;
}
