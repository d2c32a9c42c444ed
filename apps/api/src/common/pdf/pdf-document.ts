// The département's official documents (decision letters, agreements) as PDF, written by pdfkit
// from a small list of blocks so that every module lays them out the same way. Text goes through
// `pdfText`: the standard PDF fonts (WinAnsi) have no narrow no-break space, which French number
// and date formatting uses.
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'signatures'; parties: string[] };

export interface PdfContent {
  /** The issuer, top left (e.g. « Département de la Drôme »). */
  issuer: string;
  /** Place and date, top right (e.g. « Valence, le 5 décembre 2026 »). */
  placeAndDate?: string;
  title: string;
  /** The document's metadata subject and a reference line under the title. */
  reference?: string;
  blocks: PdfBlock[];
  /** Footer on every page. */
  footer?: string;
}

/** French formatting puts narrow and plain no-break spaces where the standard fonts have none. */
export const pdfText = (s: string): string => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

const MARGIN = 56;

/** The PDF's bytes. */
export async function renderPdf(content: PdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: pdfText(content.title), Author: pdfText(content.issuer), Subject: pdfText(content.reference ?? '') },
    lang: 'fr-FR',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(pdfText(content.issuer), { width: width / 2 });
  if (content.placeAndDate)
    doc.font('Helvetica').fontSize(10).text(pdfText(content.placeAndDate), MARGIN, MARGIN, { width, align: 'right' });
  doc.moveDown(3);
  doc.font('Helvetica-Bold').fontSize(15).text(pdfText(content.title), MARGIN, undefined, { width });
  if (content.reference) doc.font('Helvetica').fontSize(9).fillColor('#555555').text(pdfText(content.reference));
  doc.fillColor('#000000').moveDown(1);

  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(pdfText(block.text), MARGIN, undefined, { width });
        doc.moveDown(0.2);
        break;
      case 'paragraph':
        doc.font('Helvetica').fontSize(10.5).text(pdfText(block.text), MARGIN, undefined, { width, align: 'justify' });
        doc.moveDown(0.5);
        break;
      case 'fields':
        for (const [label, value] of block.rows) {
          doc
            .font('Helvetica-Bold')
            .fontSize(10)
            .text(`${pdfText(label)} : `, MARGIN, undefined, { continued: true });
          doc.font('Helvetica').text(pdfText(value));
        }
        doc.moveDown(0.5);
        break;
      case 'table': {
        const widths = block.widths ?? block.columns.map(() => width / block.columns.length);
        const row = (cells: string[], bold: boolean) => {
          const y = doc.y;
          let x = MARGIN;
          let bottom = y;
          doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
          cells.forEach((cell, i) => {
            doc.text(pdfText(cell), x + 2, y, { width: widths[i]! - 4 });
            bottom = Math.max(bottom, doc.y);
            x += widths[i]!;
          });
          doc
            .moveTo(MARGIN, bottom + 2)
            .lineTo(MARGIN + width, bottom + 2)
            .strokeColor('#999999')
            .stroke();
          doc.y = bottom + 4;
          if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
        };
        row(block.columns, true);
        for (const r of block.rows) row(r, false);
        doc.x = MARGIN;
        doc.moveDown(0.5);
        break;
      }
      case 'signatures': {
        doc.moveDown(1.5);
        if (doc.y > doc.page.height - MARGIN - 100) doc.addPage();
        const y = doc.y;
        const w = width / block.parties.length;
        block.parties.forEach((p, i) => {
          doc
            .font('Helvetica-Bold')
            .fontSize(10)
            .text(pdfText(p), MARGIN + i * w, y, { width: w - 10 });
          doc
            .font('Helvetica')
            .fontSize(9)
            .text('Signature :', MARGIN + i * w, y + 40, { width: w - 10 });
        });
        doc.x = MARGIN;
        doc.y = y + 90;
        break;
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = `${content.footer ? `${pdfText(content.footer)} — ` : ''}page ${i + 1} / ${range.count}`;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(footer, MARGIN, doc.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
