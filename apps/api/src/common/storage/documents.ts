// Uploaded documents: the one check of what a file is (read from its bytes, never from its name or
// the Content-Type the client sent) and the one way a stored document is sent back (always as an
// attachment, never rendered inline, so that no upload can run as a page of our origin).
import { HttpException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import type { Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { ACCEPTED_DOCUMENT_TYPES, textProblem, type AcceptedDocumentType } from '@catalogue/contracts';
import { invalidParameter } from '../errors/app-errors.js';

export interface UploadedDocument {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface CheckedDocument {
  buffer: Buffer;
  fileName: string;
  mediaType: AcceptedDocumentType;
}

const accepted = (mime: string): mime is AcceptedDocumentType => Object.hasOwn(ACCEPTED_DOCUMENT_TYPES, mime);
const ACCEPTED_LABELS = [...new Set(Object.values(ACCEPTED_DOCUMENT_TYPES))].join(', ');

/** A file name fit to keep and to send back: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string, mediaType: AcceptedDocumentType): string {
  // Multer hands the name over as latin1 bytes; browsers send UTF-8.
  let n = Buffer.from(name, 'latin1').toString('utf8');
  if (n.includes('\uFFFD') || textProblem(n)) n = '';
  n = n
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .trim();
  if (!n || n === '.' || n === '..') n = `document.${ACCEPTED_DOCUMENT_TYPES[mediaType].toLowerCase()}`;
  return n.slice(-255);
}

/** The document if its bytes are one of the accepted types and within the size limit, else a 400/413/415. */
export async function checkDocument(file: UploadedDocument | undefined, maxBytes: number): Promise<CheckedDocument> {
  if (!file || !file.buffer?.length) throw invalidParameter('file', 'is required (a non-empty file)');
  if (file.size > maxBytes)
    throw new PayloadTooLargeException({
      code: 'payload_too_large',
      message: `Fichier trop volumineux (${Math.round(maxBytes / 1024 / 1024)} Mo au plus)`,
      parameter: 'file',
    });
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !accepted(type.mime))
    throw new HttpException(
      {
        code: 'unsupported_document_type',
        message: `Ce fichier n’est pas d’un type accepté (${ACCEPTED_LABELS}) : son contenu a été vérifié, pas seulement son nom.`,
        parameter: 'file',
      },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  return { buffer: file.buffer, fileName: cleanFileName(file.originalname ?? '', type.mime), mediaType: type.mime };
}

/** Sends a stored document as a download: attachment, its checked type, no sniffing, no script. */
export function sendDocument(res: Response, doc: { fileName: string; mediaType: string; data: Buffer }): void {
  res.attachment(doc.fileName);
  res.setHeader('Content-Type', doc.mediaType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Length', String(doc.data.length));
  res.end(doc.data);
}
