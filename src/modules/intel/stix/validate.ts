/**
 * validateStixObject: is this a STIX 2.1 object we can store? Its nesting is bounded first, so
 * that nothing recursive here or in the store meets an object too deep for the stack. Objects of
 * the spec's own types are then checked against the OASIS schemas and the rules the schemas cannot
 * express; custom types (`x-…` or any type without a schema) against the common core rules and the
 * common properties of their kind. References are checked wherever they are in the object. Custom
 * properties are accepted everywhere. Indicators with STIX patterns have their pattern parsed.
 */
import { parsePattern } from '../pattern/index.js';
import { checkCore, checkCustomCommon, checkIdentity } from './core.js';
import { checkReferences, dictionariesOf } from './refs.js';
import { schemaErrors, schemaValidatorFor } from './registry.js';
import { MAX_NESTING, scanStructure } from './structure.js';
import { BUNDLE_TYPE, type StixObject, type StixValidationError } from './types.js';

export type { StixObject, StixValidationError } from './types.js';

export type StixValidationResult = { ok: true; object: StixObject } | { ok: false; errors: StixValidationError[] };

export function validateStixObject(obj: unknown): StixValidationResult {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  }
  const record = obj as Record<string, unknown>;
  const structure = scanStructure(record, dictionariesOf(record.type));
  if (structure.tooDeep !== null) {
    return { ok: false, errors: [{ path: structure.tooDeep, message: `is nested deeper than ${MAX_NESTING} levels` }] };
  }
  const errors: StixValidationError[] = [];
  if (!checkIdentity(record, errors)) return { ok: false, errors };
  const { type } = record;
  if (type === BUNDLE_TYPE) {
    return {
      ok: false,
      errors: [{ path: 'type', message: 'a bundle is a container, not an object: validate the objects in it one by one' }],
    };
  }

  const schema = schemaValidatorFor(type);
  checkCore(record, type, schema !== null, errors);
  if (!schema) checkCustomCommon(record, errors);
  checkReferences(type, structure.refs, errors);
  if (type === 'indicator') checkIndicatorPattern(record, errors);

  if (schema && !schema(record) && schema.errors) {
    // The rules above say the same thing more precisely where both apply (ids, timestamps, refs).
    const reported = new Set(errors.map((e) => e.path));
    for (const e of schemaErrors(schema.errors)) if (!reported.has(e.path)) errors.push(e);
  }
  return errors.length ? { ok: false, errors } : { ok: true, object: record as StixObject };
}

function checkIndicatorPattern(obj: Record<string, unknown>, errors: StixValidationError[]): void {
  if (obj.pattern_type !== 'stix' || typeof obj.pattern !== 'string') return;
  const result = parsePattern(obj.pattern);
  if (result.ok) return;
  const { message, line, column, offset } = result.error;
  errors.push({ path: 'pattern', message: `invalid STIX pattern at line ${line}, column ${column} (offset ${offset}): ${message}` });
}
