// The email and phone rules of every DTO: the patterns of @catalogue/contracts, which the web
// forms check too, so the API and the forms accept the same addresses and numbers.
import { applyDecorators } from '@nestjs/common';
import { Matches, MaxLength } from 'class-validator';
import { EMAIL_PATTERN, LIMITS, PHONE_PATTERN } from '@catalogue/contracts';

/** An email address (EMAIL_PATTERN, LIMITS.email characters at most); `each` for a list of them. */
export const IsEmailAddress = (options: { each?: boolean; message?: string } = {}) =>
  applyDecorators(
    Matches(EMAIL_PATTERN, {
      each: options.each,
      message: options.message ?? ((a) => `${a.property} must be an email address`),
    }),
    MaxLength(LIMITS.email, { each: options.each }),
  );

/** A phone number as people write it (PHONE_PATTERN). */
export const IsPhoneNumber = () => Matches(PHONE_PATTERN, { message: (a) => `${a.property} must be a phone number` });
