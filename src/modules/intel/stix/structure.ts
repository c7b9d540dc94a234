/**
 * One pass over everything nested in an object, made before any other rule looks at it. It bounds
 * the nesting, so that nothing recursive further on (the schemas here, the store's JSON.stringify,
 * which overflows the stack a few thousand levels down) ever meets a deeper object, and it finds
 * every `_ref`/`_refs` property at any depth, extensions included, for the reference rules
 * (refs.ts). Doing both in the same pass keeps validation to one walk of the object.
 */

/**
 * The object itself is level 1. STIX needs few levels (object → extensions → extension → list →
 * embedded type → dictionary); 64 is the limit imports have always applied to a whole file.
 */
export const MAX_NESTING = 64;

export interface RefProperty {
  /** Where it is, as errors name places: `body_multipart[0].body_raw_ref`. */
  path: string;
  /** The same without list indexes, `body_multipart[].body_raw_ref`: what the reference rules are keyed by. */
  shape: string;
  /** `_refs`, which holds a list, rather than `_ref`. */
  list: boolean;
  value: unknown;
}

/** `tooDeep` is the top-level property under which the nesting goes too deep. */
export type Structure = { tooDeep: string; refs?: undefined } | { tooDeep: null; refs: RefProperty[] };

const REF_NAME = /_refs?$/;

/** Dictionary shapes sit at most this many steps down (`extensions.http-request-ext.request_header`). */
const MAX_DICTIONARY_STEPS = 3;

/**
 * `dictionaries`: shapes of properties whose keys are data (HTTP headers, environment variables…),
 * not property names, so that a key which happens to end in `_ref` is not taken for a reference.
 */
export function scanStructure(obj: Record<string, unknown>, dictionaries?: ReadonlySet<string>): Structure {
  const refs: RefProperty[] = [];
  const steps: (string | number)[] = [];
  // Set inside visit, which TypeScript's narrowing does not follow.
  let tooDeep = null as string | null;

  // Recursive, but never more than MAX_NESTING frames deep: a deeper child is reported, not entered.
  const visit = (value: object, depth: number, refsHere: boolean): boolean => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child === null || typeof child !== 'object') continue;
        if (depth === MAX_NESTING) {
          tooDeep = String(steps[0]);
          return false;
        }
        steps.push(i);
        const ok = visit(child, depth + 1, refsHere);
        steps.pop();
        if (!ok) return false;
      }
      return true;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (refsHere && REF_NAME.test(key)) {
        // Most references are top-level properties, whose path is their name.
        const path = steps.length ? pathOf(steps, key, true) : key;
        const shape = steps.length ? pathOf(steps, key, false) : key;
        refs.push({ path, shape, list: key.endsWith('s'), value: child });
      }
      if (child === null || typeof child !== 'object') continue;
      if (depth === MAX_NESTING) {
        tooDeep = String(steps.length ? steps[0] : key);
        return false;
      }
      steps.push(key);
      const inDictionary =
        dictionaries !== undefined && steps.length <= MAX_DICTIONARY_STEPS && dictionaries.has(pathOf(steps, undefined, false));
      const ok = visit(child, depth + 1, refsHere && !inDictionary);
      steps.pop();
      if (!ok) return false;
    }
    return true;
  };

  if (!visit(obj, 1, true)) return { tooDeep: tooDeep ?? '' };
  return { tooDeep: null, refs };
}

/** `a[0].b` with indexes, `a[].b` without; built only for references found, not for every value. */
function pathOf(steps: readonly (string | number)[], last: string | undefined, withIndexes: boolean): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += withIndexes ? `[${step}]` : '[]';
    else out += out ? `.${step}` : step;
  }
  if (last !== undefined) out += out ? `.${last}` : last;
  return out;
}
