// How a route of /api/v1 announces its end (docs/api/deprecation.md): every answer carries
// `Deprecation` (RFC 9745: the date it was deprecated, as a structured-field date), `Sunset`
// (RFC 8594: the HTTP date after which it may be gone) and a `Link` rel="deprecation" to the
// changelog entry; the OpenAPI document marks the operation `deprecated` and says the date.
import { Header } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export interface DeprecationNotice {
  /** When the deprecation was announced (changelog entry's date). */
  since: Date;
  /** The earliest date the route may be removed: at least six months after `since`. */
  sunset: Date;
  /** Where the change and its replacement are explained (the changelog entry). */
  link: string;
}

/** The policy's minimum notice, in months. */
export const DEPRECATION_NOTICE_MONTHS = 6;

const parisDate = (d: Date) => d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/** The three response headers of a deprecated route. */
export function deprecationHeaders(notice: DeprecationNotice): Record<'Deprecation' | 'Sunset' | 'Link', string> {
  const minimum = new Date(notice.since);
  minimum.setUTCMonth(minimum.getUTCMonth() + DEPRECATION_NOTICE_MONTHS);
  if (notice.sunset < minimum)
    throw new Error(
      `Sunset ${notice.sunset.toISOString()} is less than ${DEPRECATION_NOTICE_MONTHS} months after ${notice.since.toISOString()}`,
    );
  return {
    Deprecation: `@${Math.floor(notice.since.getTime() / 1000)}`,
    Sunset: notice.sunset.toUTCString(),
    Link: `<${notice.link}>; rel="deprecation"; type="text/html"`,
  };
}

/**
 * Marks a route deprecated: the headers on every answer, `deprecated: true` and the sunset date in
 * its OpenAPI operation. Put it ABOVE `@ApiOperation` (decorators apply bottom-up, so the operation
 * is already described when this one completes it). Routes answering through `@Res()` without
 * passthrough must set `deprecationHeaders()` themselves.
 */
export function Deprecated(notice: DeprecationNotice): MethodDecorator {
  const headers = deprecationHeaders(notice);
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as { description?: string };
    const note = `**Dépréciée** depuis le ${parisDate(notice.since)} ; peut disparaître après le ${parisDate(notice.sunset)} (${notice.link}).`;
    Reflect.defineMetadata(
      DECORATORS.API_OPERATION,
      {
        ...operation,
        deprecated: true,
        description: operation.description ? `${note}\n\n${operation.description}` : note,
      },
      handler,
    );
    for (const [name, value] of Object.entries(headers)) Header(name, value)(target, key, descriptor);
    return descriptor;
  };
}
