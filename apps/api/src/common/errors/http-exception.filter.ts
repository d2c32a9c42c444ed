import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

const CODES: Record<number, string> = {
  400: 'invalid_parameter',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Every error leaves as JSON `{statusCode, code, message}`; unexpected ones are logged and hidden. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let code = 'internal_error';
    let message = 'Erreur interne';
    let extra: Record<string, unknown> = {};
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      code = CODES[status] ?? 'error';
      if (typeof body === 'string') message = body;
      else if (body && typeof body === 'object') {
        const { message: m, code: c, statusCode: _s, error: _e, ...rest } = body as Record<string, unknown>;
        message = Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : exception.message;
        if (typeof c === 'string') code = c;
        extra = rest;
      }
    } else if (isBusyDatabase(exception)) {
      // A lock waited for too long (lock_timeout), a deadlock or a serialization failure: the
      // transaction rolled back with nothing done; the client may try again.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      code = 'busy';
      message = 'Beaucoup de demandes en même temps : rien n’a été enregistré, réessayez dans quelques secondes.';
      extra = { retryAfter: 2 };
      this.logger.warn(`Base occupée (${(exception as { driverError: { code: string } }).driverError.code}) : 503`);
    } else if (isBodyParserError(exception)) {
      status = exception.status;
      code = CODES[status] ?? 'invalid_parameter';
      message = status === 413 ? 'Requête trop volumineuse' : 'Corps de requête invalide (JSON attendu)';
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if ((status === 429 || status === 503) && typeof extra.retryAfter === 'number')
      response.setHeader('Retry-After', String(extra.retryAfter));
    response.status(status).json({ statusCode: status, code, message, ...extra });
  }
}

/** lock_not_available (lock_timeout), deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['55P03', '40P01', '40001']);
function isBusyDatabase(e: unknown): boolean {
  const code = (e as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && 'type' in e;
}
