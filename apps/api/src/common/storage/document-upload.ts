// The multipart reader of the routes that take a document (`file`, plus a few short text fields):
// multer keeps the file in memory within the size limit (UPLOAD_MAX_BYTES, 20 MB by default) and
// its failures become the API's errors (413, 400), never a 500. Only routes decorated with
// @DocumentUpload() accept multipart at all (request-input.ts lets multipart through only for them).
import {
  applyDecorators,
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';

/** Paths of the routes that take multipart (checked by request-input.ts before any parser runs). */
export const MULTIPART_PATHS = /\/(documents|signed|import)$/;

function uploadProblem(err: unknown, maxBytes: number): unknown {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new PayloadTooLargeException({
        code: 'payload_too_large',
        message: `Fichier trop volumineux (${Math.round(maxBytes / 1024 / 1024)} Mo au plus)`,
        parameter: 'file',
      });
    return new BadRequestException({
      code: 'invalid_parameter',
      message: `Formulaire d’envoi invalide (${err.code}) : un seul fichier, dans le champ « file »`,
      parameter: err.field ?? 'file',
    });
  }
  if (err instanceof Error && /multipart|boundary|Unexpected end/i.test(err.message))
    return new BadRequestException({
      code: 'invalid_parameter',
      message: 'Formulaire d’envoi (multipart) illisible',
      parameter: 'body',
    });
  return err;
}

/** Reads one file in `file` (memory storage, at most `maxBytes`) and a few short text fields. */
class FileUploadReader {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(private readonly maxBytes: number) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: 10,
        fieldSize: 2000,
        fieldNameSize: 100,
        parts: 12,
        headerPairs: 50,
      },
    }).single('file');
  }

  async read(context: ExecutionContext, what: string): Promise<void> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (!req.is('multipart/form-data'))
      throw new BadRequestException({
        code: 'invalid_parameter',
        message: `Envoyez ${what} en multipart/form-data, dans le champ « file »`,
        parameter: 'file',
      });
    await new Promise<void>((resolve, reject) =>
      this.upload(req, res, (err?: unknown) => (err ? reject(uploadProblem(err, this.maxBytes)) : resolve())),
    );
  }
}

@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly reader: FileUploadReader;

  constructor(@Inject(APP_SETTINGS) settings: AppSettings) {
    this.reader = new FileUploadReader(settings.uploadMaxBytes);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    await this.reader.read(context, 'le document');
    return next.handle();
  }
}

/**
 * A route that takes one import file in `file` (multipart, its own size limit, for example the
 * 10 MB of a partner's spreadsheet), with `fields` as short text fields. The route's path must end
 * in `/import` (MULTIPART_PATHS).
 */
export const ImportUpload = (maxBytes: number, fileDescription: string, fields: Record<string, string> = {}) => {
  @Injectable()
  class ImportUploadInterceptor implements NestInterceptor {
    private readonly reader = new FileUploadReader(maxBytes);

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      await this.reader.read(context, 'le fichier');
      return next.handle();
    }
  }
  return applyDecorators(
    UseInterceptors(ImportUploadInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary', description: fileDescription },
          ...Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, { type: 'string', description: d }])),
        },
      },
    }),
    ApiPayloadTooLargeResponse({
      type: ErrorResponseDto,
      description: 'Fichier trop volumineux (`payload_too_large`)',
    }),
  );
};

/** A route that takes one document in `file` (multipart), with `fields` as short text fields. */
export const DocumentUpload = (fields: Record<string, string> = {}) =>
  applyDecorators(
    UseInterceptors(DocumentUploadInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file', ...Object.keys(fields)],
        properties: {
          file: { type: 'string', format: 'binary', description: 'PDF, ODT, DOCX, ODS, XLSX, JPEG ou PNG' },
          ...Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, { type: 'string', description: d }])),
        },
      },
    }),
    ApiPayloadTooLargeResponse({
      type: ErrorResponseDto,
      description: 'Fichier trop volumineux (`payload_too_large`)',
    }),
    ApiUnsupportedMediaTypeResponse({
      type: ErrorResponseDto,
      description: 'Type de fichier refusé, lu dans son contenu (`unsupported_document_type`)',
    }),
  );
