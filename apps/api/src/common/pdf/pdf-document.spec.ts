import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { renderPdf } from './pdf-document.js';

const textOf = async (pdf: Buffer) => (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;

describe('PDF documents', () => {
  it('lays out every block with French amounts and accents that the text extraction reads back', async () => {
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(12500);
    const pdf = await renderPdf({
      issuer: 'Département de la Drôme',
      placeAndDate: 'Valence, le 5 décembre 2026',
      title: 'Notification de décision',
      reference: 'Appel à projets « Mobilité »',
      blocks: [
        { kind: 'heading', text: 'Objet' },
        { kind: 'paragraph', text: `Une subvention de ${amount} est accordée à l’association Élan.` },
        { kind: 'fields', rows: [['Montant accordé', amount]] },
        { kind: 'table', columns: ['Tranche', 'Montant'], rows: [['Avance', amount]] },
        { kind: 'signatures', parties: ['Le Président du Département', 'L’association Élan'] },
      ],
      footer: 'Catalogue de l’offre d’insertion',
    });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = (await textOf(pdf)).replace(/\s+/g, ' ');
    for (const expected of ['Département de la Drôme', '12 500,00 €', 'l’association Élan', 'Avance', 'page 1 / 1'])
      assert.ok(text.includes(expected), `missing « ${expected} » in: ${text}`);
  });
});
