// The national schemas as a validator (ajv, JSON Schema 2020-12 with formats) and the CSV form read
// back into records (lists split on `|`, empty = null, numbers parsed): what a reuser would do.
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { DI_VALIDATORS, type JsonSchema } from '../../common/data-inclusion/data-inclusion-schemas.js';

export const validateService: ValidateFunction = DI_VALIDATORS.service;
export const validateStructure: ValidateFunction = DI_VALIDATORS.structure;

export function assertValid(validate: ValidateFunction, record: unknown, label: string): void {
  if (!validate(record))
    assert.fail(
      `${label}: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ')}\n${JSON.stringify(record)}`,
    );
}

type Kind = 'list' | 'integer' | 'number' | 'text';
function kindOf(schema: Record<string, unknown>): Kind {
  const variants = (schema.anyOf as Record<string, unknown>[] | undefined) ?? [schema];
  const types = variants.map((v) => v.type);
  if (types.includes('array')) return 'list';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  return 'text';
}

/** A data·inclusion CSV file read back as records of the schema's types. */
export function parseDataInclusionCsv(text: string, schema: JsonSchema): { header: string[]; records: object[] } {
  assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte order mark');
  const rows = parse(text.slice(1), { relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
  const [header, ...lines] = rows;
  const props = schema.properties as Record<string, Record<string, unknown>>;
  const records = lines.map((cells) =>
    Object.fromEntries(
      header!.map((field, i) => {
        const cell = cells[i]!;
        if (cell === '') return [field, null];
        switch (kindOf(props[field]!)) {
          case 'list':
            return [field, cell.split('|')];
          case 'integer':
          case 'number':
            return [field, Number(cell)];
          default:
            return [field, cell];
        }
      }),
    ),
  );
  return { header: header!, records };
}
