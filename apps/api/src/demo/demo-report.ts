// The Drôme's execution report for the demo year (the current year: the demo agreements and
// registrations are dated around now), so that a newcomer sees a filled report at once. Facts and
// figures come from the Drôme's 2019 execution report; the sentences are ours. Runs on every start:
// it only adds what is missing (ON CONFLICT DO NOTHING, targets only where the year has none), so
// what an agent wrote is kept. The plan file is left as its source gives it: the demo year carries
// the 2019 targets forward here only (libs/domain/data/demo/plans/README.md).
import type { Queryable } from '../database/catalogue-writer.js';

/** Per fiche number: the year's progress text and, where the 2019 report gives one, the amount voted (€). */
const FICHES: Record<string, { progress: string; voted?: number }> = {
  '1': {
    progress:
      'Le taux de contractualisation atteint 60,38 % en fin d’année : 6 817 contrats d’engagements réciproques sont en cours dans les territoires. L’ADIL accompagne 30 ménages en situation complexe de surendettement, 10 avant l’assignation et 20 après.',
    voted: 10_000,
  },
  '2': {
    progress:
      'Des rencontres partenariales régulières, avec la CAF et les structures conventionnées, se tiennent désormais dans chaque territoire pour préparer les accueils collectifs.',
  },
  '3': {
    progress:
      'Les référents repèrent les freins de santé lors du premier accueil ; un temps de sensibilisation des référents est en préparation avec l’ARS.',
  },
  '4': {
    progress:
      'La plateforme du guide des solidarités, dont la création était estimée à 30 000 €, reste suspendue : son montage s’est révélé trop complexe. L’idée d’un outil commun de suivi est reprise dans le cadre de la stratégie pauvreté.',
  },
  '5': {
    progress:
      'Les pôles insertion appliquent une procédure d’orientation revue, et les référentiels d’accompagnement intègrent les nouvelles modalités d’entrée pour accélérer le premier accueil.',
  },
  '6': {
    progress:
      'Le kit d’accueil RSA est en cours de refonte avec les partenaires de l’accès aux droits ; l’intervenante sociale en gendarmerie poursuit ses permanences.',
  },
  '7': {
    progress:
      'Sur l’année, 6 940 personnes sont entrées dans le dispositif RSA (11 282 allocataires au total). Les structures titulaires des marchés d’accompagnement reçoivent les personnes dans les 15 jours qui suivent l’orientation. Crédits du PDIE et du FSE : 1 949 709 €.',
    voted: 1_949_709,
  },
  '8': {
    progress:
      'La convention signée au titre de la stratégie pauvreté rapproche les directions du Département autour d’actions socles communes, sans créer d’instance de plus.',
  },
  '9': {
    progress:
      'Après le recensement des filières et des besoins des territoires, le Département identifie les prestataires et un premier réseau d’entreprises pour la plateforme Drôme CV ; les contrôleurs du juste droit pourront y mettre en relation allocataires et employeurs.',
  },
  '10': {
    progress: 'Le parrainage est proposé aux jeunes suivis par les missions locales ; le vivier de parrains s’élargit.',
  },
  '11': {
    progress:
      'Les clauses d’insertion sont étendues aux marchés de travaux du Département ; le suivi des heures passe par le facilitateur.',
  },
  '12': {
    progress:
      'Des sessions d’information sur la création d’activité sont organisées avec les plateformes d’initiative locale et l’ADIE.',
  },
  '13': {
    progress:
      'Dix-neuf SIAE portent des chantiers d’insertion dans la Drôme. Le fonds d’innovation de l’IAE mobilise 69 900 €, dont 5 400 € pour le forum de l’IAE de novembre ; une coopération entre structures a vu le jour dans le nord du département.',
    voted: 69_900,
  },
  '14': {
    progress:
      '68 contrats aidés sont engagés pour 70 prévus. L’action de promotion du bénévolat a orienté 81 allocataires : 64 ont été accompagnés, 46 se sont engagés, 49 missions ont été réalisées et 41 passeports bénévoles démarrés.',
    voted: 80_000,
  },
  '15': {
    progress:
      'Le recensement des métiers en tension par bassin d’emploi alimente les travaux de l’instance de pilotage économie-emploi.',
  },
  '16': {
    progress:
      'Des ateliers de découverte des métiers et de l’entrepreneuriat sont proposés aux jeunes dans les collèges et les missions locales.',
  },
  '17': {
    progress:
      'Les ateliers collectifs d’initiation au numérique, reconduits, visent 200 allocataires parmi les publics les plus éloignés des outils. Financement : 8 813 € du PDIE et 36 520 € du FSE.',
    voted: 45_333,
  },
  '18': {
    progress:
      'Des sessions de formation-action réunissent les référents de parcours autour de l’accompagnement global.',
  },
  '19': {
    progress:
      'Aucun allocataire n’a encore pu siéger en équipe pluridisciplinaire ; un travail avec une association d’usagers prépare leur représentation dans les instances.',
  },
  '20': {
    progress:
      'Le comité de suivi partenarial du PDIE s’est réuni une fois. Le pacte territorial pour l’insertion n’est pas relancé, pour ne pas ajouter une instance à celles du schéma unique des solidarités.',
  },
};

/** Hand-entered values the 2019 report gives, by fiche number and the start of the indicator's label. */
const VALUES: [fiche: string, labelStart: string, value: number, note: string][] = [
  ['1', 'Taux de contractualisation', 60.38, 'Au 31 décembre, contrats en cours / allocataires payés'],
  ['14', 'Nombre de contrats PEC signés', 68, 'Contrats aidés engagés'],
  ['19', 'Nombre d’usagers participant', 0, 'Aucun allocataire mobilisé cette année'],
  ['19', "Nombre d'usagers participant", 0, 'Aucun allocataire mobilisé cette année'],
  ['20', 'Nombre de réunions partenariales', 1, 'Comité de suivi du PDIE'],
  ['20', 'Signature d', 0, 'Non relancé'],
];

/** The public and the means of a few fiches, as the 2019 report describes them (only where the plan has none). */
const PUBLIC_AND_MEANS: Record<string, [publicText: string, means: string]> = {
  '1': [
    'Allocataires du RSA soumis aux droits et devoirs ; ménages en surendettement complexe',
    'Département, CAF, référents uniques, ADIL',
  ],
  '4': ['Professionnels, bénévoles et élus', 'Département, DDCS, ARS, CAF, Pôle emploi, associations, collectivités'],
  '7': [
    'Nouveaux entrants dans le dispositif RSA',
    'Pôles insertion du Département ; référents uniques (missions locales, associations conventionnées) ; FSE',
  ],
  '9': [
    'Demandeurs d’emploi, dont allocataires du RSA et jeunes ; entreprises du territoire',
    'Acteurs de l’emploi (missions locales, Pôle emploi, PLIE), réseaux d’entreprises, EPCI',
  ],
  '14': ['Allocataires du RSA, collectivités et associations employeuses', 'Département, Pôle emploi, DIRECCTE'],
  '17': ['Publics fragilisés, dont 200 allocataires du RSA', 'Associations d’inclusion numérique ; PDIE et FSE'],
  '20': ['Institutions et partenaires de l’insertion', 'Département, État, CAF, Pôle emploi'],
};

/** Paris's current year. */
const parisYear = (now: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now));

/** Writes what is missing of the Drôme's report for the demo year. Returns the fiches written. */
export async function ensureDemoReport(db: Queryable, tenant: { id: string; slug: string }, now = new Date()) {
  if (tenant.slug !== 'drome') return 0;
  const year = parisYear(now);
  const { rows: fiches } = await db.query<{ id: string; number: string }>(
    `SELECT f.id, f.number FROM plan_fiche f JOIN insertion_plan p ON p.tenant_id = f.tenant_id AND p.id = f.plan_id AND p.is_current
      WHERE f.tenant_id = $1`,
    [tenant.id],
  );
  if (!fiches.length) return 0;
  const { rows: agent } = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
    `agent.${tenant.slug}@demo.local`,
  ]);
  const author = agent[0]?.id ?? null;
  // The plan's 2019 targets carried to the demo year, where that year has none.
  await db.query(
    `UPDATE plan_indicator i SET targets = i.targets || jsonb_build_object($2::text, i.targets->'2019')
       FROM plan_fiche f WHERE f.tenant_id = i.tenant_id AND f.id = i.fiche_id AND f.id = ANY($3::uuid[])
        AND i.tenant_id = $1 AND i.targets ? '2019' AND NOT i.targets ? $2::text`,
    [tenant.id, String(year), fiches.map((f) => f.id)],
  );
  let written = 0;
  for (const f of fiches) {
    const text = FICHES[f.number];
    if (text) {
      const { rows } = await db.query(
        `INSERT INTO plan_fiche_year (tenant_id, fiche_id, year, progress, voted_cents, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, fiche_id, year) DO NOTHING RETURNING fiche_id`,
        [tenant.id, f.id, year, text.progress, text.voted === undefined ? null : text.voted * 100, author],
      );
      written += rows.length;
    }
    const pm = PUBLIC_AND_MEANS[f.number];
    if (pm)
      await db.query(
        `UPDATE plan_fiche SET public_text = coalesce(public_text, $3), means = coalesce(means, $4)
          WHERE tenant_id = $1 AND id = $2`,
        [tenant.id, f.id, pm[0], pm[1]],
      );
  }
  for (const [number, labelStart, value, note] of VALUES)
    await db.query(
      `INSERT INTO plan_indicator_value (tenant_id, indicator_id, year, value, note, updated_by)
       SELECT $1, i.id, $4, $5, $6, $7
         FROM plan_indicator i JOIN plan_fiche f ON f.tenant_id = i.tenant_id AND f.id = i.fiche_id
        WHERE i.tenant_id = $1 AND f.id = ANY($2::uuid[]) AND f.number = $3 AND i.measure = 'manual'
          AND left(i.label, length($8)) = $8
       ON CONFLICT (tenant_id, indicator_id, year) DO NOTHING`,
      [tenant.id, fiches.map((x) => x.id), number, year, value, note, author, labelStart],
    );
  return written;
}
