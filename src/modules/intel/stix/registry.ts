/**
 * The OASIS STIX 2.1 JSON schemas, compiled with Ajv (draft 2020-12) on first use: every schema
 * file is registered under its own $id so that the relative $refs between them resolve offline,
 * and each object type's validator is compiled the first time an object of that type arrives.
 * Ajv's errors are turned into `{ path, message }` pairs a person can act on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fromRoot } from '../../../lib/paths.js';
import type { StixValidationError } from './types.js';

// ajv-formats is CommonJS whose default export is the plugin function itself; under NodeNext its
// type is the module namespace, so take the callable explicitly.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

/** From src/ in tests and from dist/src/ when built: the schemas ship in src/ only. */
const SCHEMA_DIR = fromRoot('src', 'modules', 'intel', 'stix', 'schemas');

/** Schema folders whose files each describe one object type, named after the file. */
const TYPE_FOLDERS = ['sdos', 'sros', 'observables'];
const COMMON_OBJECT_TYPES = ['marking-definition', 'language-content', 'extension-definition'];

/**
 * The type-name patterns nest quantifiers, `([a-z][a-z0-9]*)+`, which backtracks exponentially on a
 * near-miss (24 characters take over a second): untrusted input reaches them through `type` and
 * extension names. These equivalents accept exactly the same strings in linear time.
 */
const SAFE_EQUIVALENTS = new Map<string, string>([
  ['^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$', '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-?$'],
  ['^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-ext$', '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-ext$'],
]);

function regExp(pattern: string, flags: string): RegExp {
  return new RegExp(SAFE_EQUIVALENTS.get(pattern) ?? pattern, flags);
}
regExp.code = 'new RegExp';

/** RFC 5890 host names (ajv-formats has no idn-hostname): what the URL parser accepts as a domain. */
function isIdnHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (!name || name.length > 253) return false;
  const ascii = domainToASCII(name);
  if (!ascii || ascii.length > 253) return false;
  return ascii.split('.').every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label));
}

interface Registry {
  ajv: Ajv2020;
  idByType: Map<string, string>;
}

let registry: Registry | undefined;

function load(): Registry {
  const ajv = new Ajv2020({
    allErrors: true,
    // Errors then carry their parent schema, whose title tells which kind of name was refused.
    verbose: true,
    // The schemas' patterns were written for non-Unicode engines (e.g. `\-` outside a class).
    unicodeRegExp: false,
    code: { regExp },
    // The schemas leave `type` implicit beside `pattern` and `properties`; that is valid JSON Schema.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    logger: false,
  });
  addFormats(ajv);
  ajv.addFormat('idn-hostname', isIdnHostname);
  const idByType = new Map<string, string>();
  for (const folder of ['common', ...TYPE_FOLDERS]) {
    for (const file of readdirSync(path.join(SCHEMA_DIR, folder))) {
      if (!file.endsWith('.json')) continue;
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, folder, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      const type = file.slice(0, -'.json'.length);
      if (TYPE_FOLDERS.includes(folder) || COMMON_OBJECT_TYPES.includes(type)) idByType.set(type, schema.$id);
    }
  }
  return { ajv, idByType };
}

/** The compiled schema of a type the spec defines, or null for custom and unknown types. */
export function schemaValidatorFor(type: string): ValidateFunction | null {
  registry ??= load();
  const id = registry.idByType.get(type);
  if (!id) return null;
  const validate = registry.ajv.getSchema(id);
  if (!validate) throw new Error(`STIX schema ${id} did not compile`);
  return validate;
}

export function hasSchema(type: string): boolean {
  registry ??= load();
  return registry.idByType.has(type);
}

/** `/external_references/0/url` → `external_references[0].url`. */
export function toPath(pointer: string, child?: string): string {
  let out = '';
  const parts = pointer ? pointer.slice(1).split('/') : [];
  if (child !== undefined) parts.push(child);
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/**
 * With allErrors, a failed anyOf/oneOf lists every branch's complaint, which mostly says that the
 * value is not what the *other* branches wanted; report the alternative as one error instead.
 */
export function schemaErrors(errors: ErrorObject[]): StixValidationError[] {
  // schemaPath is relative to the schema file the keyword is in, so the instance path must match too.
  const umbrellas = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map((e) => ({ schemaPrefix: `${e.schemaPath}/`, instancePath: e.instancePath }));
  const out: StixValidationError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // its `then` error says what is wrong
    if (umbrellas.some((u) => e.schemaPath.startsWith(u.schemaPrefix) && e.instancePath.startsWith(u.instancePath))) continue;
    const { path: p, message } = describe(e);
    const key = `${p}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: p, message });
  }
  return out;
}

function unexpectedName(e: ErrorObject): string {
  const title = (e.parentSchema as { title?: string } | undefined)?.title;
  if (title === 'properties') return 'is not a valid property name (a-z, 0-9 and _, 3 to 250 characters)';
  if (title === 'dictionary') return 'is not a valid dictionary key (a-z, A-Z, 0-9, _ and -, up to 250 characters)';
  if (title === 'hashes') return 'is not a valid hash name';
  if (e.instancePath.endsWith('/extensions')) return 'is not an extension name (<name>-ext or an extension-definition identifier)';
  return 'is not allowed here';
}

function describe(e: ErrorObject): StixValidationError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: toPath(e.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: toPath(e.instancePath, String(params.additionalProperty)), message: unexpectedName(e) };
    case 'anyOf':
    case 'oneOf':
      return { path: toPath(e.instancePath), message: 'does not match any of the allowed forms' };
    case 'not':
      return { path: toPath(e.instancePath), message: 'matches a form that is not allowed here' };
    default:
      return { path: toPath(e.instancePath), message: e.message ?? e.keyword };
  }
}
