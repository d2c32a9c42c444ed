// The decision letter (courrier de notification): the Département writes to the structure what was
// decided on its application, with the amount granted, the reasons and what comes next. Laid out by
// the one PDF writer (common/pdf); its text is what the tests read back.
import { ofDepartement } from '@catalogue/contracts';
import { renderPdf, type PdfContent } from '../../common/pdf/pdf-document.js';
import { loadDepartements } from '@catalogue/domain/geo';
import { dayLabel, euros } from './application-emails.js';

let chefLieux: Map<string, string> | undefined;
/** The INSEE code of the département's chef-lieu, where its letters are written from. */
export const chefLieuOf = (code: string): string | null =>
  (chefLieux ??= new Map(loadDepartements().map((d) => [d.code, d.chefLieu]))).get(code) ?? null;

export interface LetterFacts {
  departement: { code: string; name: string };
  /** The chef-lieu, where the letter is written from (null: the date alone). */
  place: string | null;
  decidedAt: Date;
  callTitle: string;
  organization: { name: string; address: string; postcode: string | null; commune: string | null };
  selected: boolean;
  amountRequestedCents: number | null;
  amountGrantedCents: number | null;
  reasons: string;
  applicationId: string;
}

export function letterContent(f: LetterFacts): PdfContent {
  const of = ofDepartement(f.departement.code, f.departement.name);
  const date = `le ${dayLabel(f.decidedAt)}`;
  const town = [f.organization.postcode, f.organization.commune].filter(Boolean).join(' ');
  const decision = f.selected ? 'Dossier retenu' : 'Dossier non retenu';
  return {
    issuer: `Département ${of}`,
    placeAndDate: f.place ? `${f.place}, ${date}` : date.replace(/^le/, 'Le'),
    title: 'Notification de décision',
    reference: `Appel à projets « ${f.callTitle} » — dossier ${f.applicationId}`,
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Destinataire', f.organization.name],
          ...(f.organization.address ? ([['Adresse', f.organization.address]] as [string, string][]) : []),
          ...(town ? ([['Commune', town]] as [string, string][]) : []),
        ],
      },
      { kind: 'heading', text: `Objet : appel à projets « ${f.callTitle} »` },
      {
        kind: 'paragraph',
        text: f.selected
          ? `Après instruction de votre dossier et avis du comité de sélection, j’ai le plaisir de vous informer que le projet présenté par ${f.organization.name} est retenu. Le Département ${of} vous accorde une subvention de ${euros(f.amountGrantedCents ?? 0)}.`
          : `Après instruction de votre dossier et avis du comité de sélection, j’ai le regret de vous informer que le projet présenté par ${f.organization.name} n’est pas retenu.`,
      },
      {
        kind: 'fields',
        rows: [
          ['Décision', decision],
          ['Montant demandé', f.amountRequestedCents === null ? 'non renseigné' : euros(f.amountRequestedCents)],
          ...(f.selected ? ([['Montant accordé', euros(f.amountGrantedCents ?? 0)]] as [string, string][]) : []),
          ['Date de la décision', dayLabel(f.decidedAt)],
        ],
      },
      { kind: 'heading', text: 'Motifs' },
      { kind: 'paragraph', text: f.reasons },
      { kind: 'heading', text: 'Suite' },
      {
        kind: 'paragraph',
        text: f.selected
          ? 'Une convention précisera l’action financée, le calendrier des versements, les indicateurs suivis et les bilans attendus. Elle vous sera adressée pour signature ; la subvention est versée selon son échéancier une fois signée.'
          : 'Cette décision peut faire l’objet d’un recours gracieux auprès du Président du Département ou d’un recours contentieux devant le tribunal administratif dans un délai de deux mois à compter de sa notification.',
      },
      { kind: 'signatures', parties: [`Pour le Président du Département ${of}`] },
    ],
    footer: `Département ${of} — ${f.callTitle}`,
  };
}

export const renderLetter = (f: LetterFacts): Promise<Buffer> => renderPdf(letterContent(f));
