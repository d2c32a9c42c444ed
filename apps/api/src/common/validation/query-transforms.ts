import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** `a,b` or repeated `x=a&x=b` into a de-duplicated list of trimmed values. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null || value === '') return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))];
  });

/** `true`/`false`/`1`/`0` into a boolean; anything else is left for validation to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
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
          const bad = Array.isArray(args.value) ? args.value.filter((v) => typeof v !== 'string' || !known(v)) : [args.value];
          return `${args.property} has unknown ${listName} code(s): ${bad.join(', ')}`;
        },
      },
    });
}
