// The agreement (convention) as a PDF, through the one layout of renderPdf: the parties, the
// action, the amount and its schedule, the period, the indicators and their targets, the bilans,
// the obligations of each party, and the signature blocks.
import { formatEuros, type FicheRef } from '@catalogue/contracts';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import type { AgreementRow } from './agreements.repository.js';

const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** « 1er janvier 2027 » from « 2027-01-01 ». */
export const frenchDate = (iso: string): string => day.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');

const euros = (cents: string | number) => formatEuros(Number(cents) / 100);

export function agreementPdf(a: AgreementRow, tenantName: string, fiches: FicheRef[], today: string): Promise<Buffer> {
  const structure = [
    a.organization_name,
    a.organization_siret ? `SIRET ${a.organization_siret}` : null,
    [a.organization_address, a.organization_commune].filter(Boolean).join(', ') || null,
  ]
    .filter(Boolean)
    .join(' — ');
  const bilans = a.bilan_due_dates.map(frenchDate);
  return renderPdf({
    issuer: tenantName,
    placeAndDate: `Le ${frenchDate(today)}`,
    title: `Convention de financement : ${a.title}`,
    reference: `Appel à projets « ${a.call_title} » — convention n° ${a.id.slice(0, 8)}`,
    footer: `Convention ${a.id.slice(0, 8)} — ${a.organization_name}`,
    blocks: [
      { kind: 'heading', text: 'Entre les soussignés' },
      {
        kind: 'fields',
        rows: [
          ['Le financeur', `${tenantName}, ci-après « le Département »`],
          ['Le porteur', `${structure}, ci-après « la structure »`],
        ],
      },
      { kind: 'heading', text: 'Article 1 — Objet' },
      {
        kind: 'paragraph',
        text: `La présente convention fixe les conditions dans lesquelles le Département soutient l’action « ${a.title} » portée par la structure, retenue à l’issue de l’appel à projets « ${a.call_title} ».`,
      },
      ...(fiches.length
        ? [
            {
              kind: 'fields' as const,
              rows: fiches.map((f): [string, string] => [
                `Fiche action ${f.number}`,
                `${f.title} (axe ${f.axis.number} : ${f.axis.title})`,
              ]),
            },
          ]
        : []),
      { kind: 'heading', text: 'Article 2 — Durée' },
      {
        kind: 'paragraph',
        text: `L’action est conduite du ${frenchDate(a.starts_on)} au ${frenchDate(a.ends_on)}. La convention prend effet à sa signature par les deux parties et court jusqu’à la validation du dernier bilan.`,
      },
      { kind: 'heading', text: 'Article 3 — Montant et versements' },
      {
        kind: 'paragraph',
        text: `Le Département attribue à la structure une subvention de ${euros(a.amount_cents)}, versée selon l’échéancier suivant :`,
      },
      {
        kind: 'table',
        columns: ['Échéance', 'Montant', 'Date prévue'],
        widths: [263, 110, 110],
        rows: a.payment_schedule.map((t) => [t.label, euros(t.amountCents), frenchDate(t.dueOn)]),
      },
      { kind: 'heading', text: 'Article 4 — Indicateurs et objectifs' },
      a.indicators.length
        ? {
            kind: 'table',
            columns: ['Indicateur', 'Unité', 'Cible'],
            widths: [303, 90, 90],
            rows: a.indicators.map((i) => [
              i.label,
              i.unit,
              i.target === null ? 'à préciser' : new Intl.NumberFormat('fr-FR').format(i.target),
            ]),
          }
        : { kind: 'paragraph', text: 'Aucun indicateur n’est rattaché aux fiches de l’appel à projets.' },
      { kind: 'heading', text: 'Article 5 — Bilans' },
      {
        kind: 'paragraph',
        text: bilans.length
          ? `La structure remet au Département un bilan qualitatif, quantitatif et financier de l’action au plus tard le ${bilans.join(', le ')}.`
          : 'La structure remet au Département un bilan qualitatif, quantitatif et financier de l’action à son terme.',
      },
      { kind: 'heading', text: 'Article 6 — Obligations des parties' },
      {
        kind: 'paragraph',
        text: 'La structure s’engage à conduire l’action telle que décrite dans son dossier de candidature, à en informer les publics et les prescripteurs du territoire, à publier l’offre correspondante dans le catalogue de l’offre d’insertion et à la tenir à jour, et à mentionner le soutien du Département dans sa communication.',
      },
      {
        kind: 'paragraph',
        text: 'Elle informe sans délai le Département de toute difficulté ou modification de l’action, tient une comptabilité permettant de retracer l’emploi de la subvention et en conserve les pièces justificatives pendant dix ans.',
      },
      {
        kind: 'paragraph',
        text: 'Le Département s’engage à verser la subvention selon l’échéancier ci-dessus. Il peut demander le reversement de tout ou partie des sommes versées si l’action n’est pas réalisée, ou ne l’est que partiellement, ou si les bilans ne sont pas remis.',
      },
      { kind: 'heading', text: 'Article 7 — Signatures' },
      { kind: 'paragraph', text: 'Fait en deux exemplaires.' },
      {
        kind: 'signatures',
        parties: [`Pour ${tenantName}`, `Pour ${a.organization_name}, son représentant légal`],
      },
    ],
  });
}
