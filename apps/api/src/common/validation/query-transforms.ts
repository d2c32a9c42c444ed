import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** `a,b` or repeated `x=a&x=b` into a de-duplicated list of trimmed values; empty means absent. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null) return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    const list = [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))];
    return list.length ? list : undefined;
  });

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * A decimal number written plainly ("45", "-3.5"); an empty value means absent; anything else
 * (hexadecimal, exponent, a repeated parameter) becomes NaN for validation to refuse by name.
 */
export const QueryNumber = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
    if (typeof value === 'number') return value;
    return typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  });

/** `true`/`false`/`1`/`0` into a boolean; empty means absent; anything else is refused by validation. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === '') return undefined;
    if (value === 'true' || value === '1' || value === true) return true;
    if (value === 'false' || value === '0' || value === false) return false;
    return value;
  });

/** Every item of the list is a known code of the given reference list. */
export function IsCodeList(codes: ReadonlySet<string> | ((code: string) => boolean), listName: string) {
  const known = typeof codes === 'function' ? codes : (c: string) => codes.has(c);
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCodeList',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string' && known(v)),
        defaultMessage: (args: ValidationArguments) => {
          const bad = Array.isArray(args.value)
            ? args.value.filter((v) => typeof v !== 'string' || !known(v))
            : [args.value];
          return `${args.property} has unknown ${listName} code(s): ${bad.join(', ')}`;
        },
      },
    });
}

/**
 * `minLng,minLat,maxLng,maxLat` into four numbers; an empty value means absent. Anything that is
 * not four plain decimal numbers (a repeated parameter too) is kept as given for IsBbox to refuse.
 */
export const QueryBbox = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
    if (typeof value !== 'string') return value;
    const parts = value.split(',').map((p) => p.trim());
    return parts.length === 4 && parts.every((p) => DECIMAL.test(p)) ? parts.map(Number) : value;
  });

/** Why a bounding box [minLng, minLat, maxLng, maxLat] is not valid, or null when it is. */
export function bboxProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return 'must be four numbers: minLng,minLat,maxLng,maxLat';
  }
  const [minLng, minLat, maxLng, maxLat] = value as number[];
  if ([minLng!, maxLng!].some((lng) => lng < -180 || lng > 180)) return 'longitudes must be between -180 and 180';
  if ([minLat!, maxLat!].some((lat) => lat < -90 || lat > 90)) return 'latitudes must be between -90 and 90';
  if (!(minLng! < maxLng!)) return 'minLng must be below maxLng';
  if (!(minLat! < maxLat!)) return 'minLat must be below maxLat';
  return null;
}

/** A bounding box as QueryBbox reads it: four finite numbers, in range, min below max. */
export function IsBbox() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBbox',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => bboxProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${bboxProblem(args.value)}`,
      },
    });
}
