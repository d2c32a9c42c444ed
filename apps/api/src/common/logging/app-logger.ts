// The application's logger (main.ts chooses it from LOG_FORMAT): Nest's ConsoleLogger, in JSON
// (one object per line, for a log collector) or in readable lines, both naming the request.
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-context.js';

export type LogFormat = 'json' | 'text';

/** Fields masked wherever they appear in what is logged as an object (not in plain messages: those never hold them). */
export const REDACTED_KEYS = ['password', 'token', 'secret', 'authorization', 'cookie', 'email', 'phone'];

/**
 * Error fields never written: PostgreSQL's `detail` quotes the row's values (« Key (email)=(…) already
 * exists »), TypeORM's `parameters` the query's.
 */
const UNLOGGED_ERROR_FIELDS = ['detail', 'parameters', 'where'];

type JsonLogOptions = { context: string; logLevel: LogLevel } & Record<string, unknown>;
type JsonLogObject = { level: LogLevel; pid: number; timestamp: number; message: unknown } & Record<string, unknown>;

/** One JSON object per line: time, level, context, message, requestId (inside a request), then any fields given. */
export class JsonLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[]) {
    // flattenParams: the access log's fields (method, route, status…) sit at the top of the object.
    super({ json: true, logLevels, flattenParams: true, colors: false, prefix: 'catalogue', redact: REDACTED_KEYS });
  }

  protected override serializeError(error: Error, depth?: number, ancestors?: Set<Error>): Record<string, unknown> {
    const serialized = super.serializeError(error, depth, ancestors);
    for (const field of UNLOGGED_ERROR_FIELDS) delete serialized[field];
    return serialized;
  }

  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): JsonLogObject {
    const { timestamp, level, context, message: text, ...rest } = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    // Key order is the reading order; JSON.stringify (Nest's) writes the line.
    return {
      time: new Date(timestamp).toISOString(),
      level,
      ...(context === undefined ? {} : { context }),
      message: text,
      ...(requestId === undefined ? {} : { requestId }),
      ...rest,
    } as unknown as JsonLogObject;
  }
}

/** Readable lines as Nest writes them, with the request's id beside the context. */
export class TextLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[]) {
    super({ logLevels, redact: REDACTED_KEYS });
  }

  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return super.formatContext(requestId === undefined ? context : context ? `${context} ${requestId}` : requestId);
  }
}

export function createAppLogger(format: LogFormat, logLevels: LogLevel[]): ConsoleLogger {
  return format === 'json' ? new JsonLogger(logLevels) : new TextLogger(logLevels);
}
