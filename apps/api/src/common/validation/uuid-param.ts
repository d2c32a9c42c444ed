import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalidParameter } from '../errors/app-errors.js';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidParameter(name, 'must be a UUID') }));
