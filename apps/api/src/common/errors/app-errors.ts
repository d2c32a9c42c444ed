import { BadRequestException, NotFoundException } from '@nestjs/common';

/** Same body for a missing object and another tenant's object: nothing tells them apart. */
export const notFound = (what = 'Ressource') =>
  new NotFoundException({ code: 'not_found', message: `${what} introuvable` });

/** A bad request naming every field at fault, the shape of the validation pipe's 400 (common/errors/validation.ts). */
export const invalidFields = (fields: { field: string; message: string }[]) =>
  new BadRequestException({
    code: 'invalid_parameter',
    message: fields.map((f) => f.message).join('; '),
    parameter: fields[0]?.field,
    fields: fields.map(({ field, message }) => ({ field, message })),
  });

/** A bad request naming the parameter at fault. */
export const invalidParameter = (parameter: string, message: string) =>
  new BadRequestException({ code: 'invalid_parameter', message: `${parameter} ${message}`, parameter });
