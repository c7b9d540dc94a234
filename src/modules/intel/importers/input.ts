/**
 * Reading an import file safely, before anything looks at its meaning: a size limit, a nesting
 * limit (so no later recursive walk can blow the stack), JSON syntax, and no keys that could reach
 * an object prototype (`__proto__`, `constructor`, `prototype`). Each problem is an AppError with
 * a message an operator can act on.
 */
import { AppError } from '../../../errors.js';
import { isStixBundle } from './stix-bundle.js';

/** Largest file the importer accepts; the KEV catalogue is ~1.5 MB, DISARM ~1 MB. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** STIX and MISP nest a few levels (bundle → object → extension → dictionary); 64 is generous. */
export const MAX_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseImportJson(content: Buffer | string, limits = { maxBytes: MAX_IMPORT_BYTES, maxDepth: MAX_DEPTH }): unknown {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (bytes > limits.maxBytes) {
    throw new AppError('payload_too_large', `The file is ${mb(bytes)}; imports are limited to ${mb(limits.maxBytes)}`);
  }
  let text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new AppError('bad_request', 'The file is empty');
  const depth = nestingDepth(text);
  // JSON.parse does not recurse, whatever the depth.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AppError('bad_request', `The file is not valid JSON: ${(err as Error).message}`);
  }
  // The validator bounds each object of a STIX bundle before anything recursive sees it, so there
  // a deep object is that object's failure and the rest are stored; other kinds are refused whole.
  if (depth > limits.maxDepth && !isStixBundle(parsed)) {
    throw new AppError('bad_request', `The file nests deeper than ${limits.maxDepth} levels`);
  }
  const bad = forbiddenKeyPath(parsed);
  if (bad) throw new AppError('bad_request', `The file contains the forbidden key "${bad.key}" at ${bad.path}`);
  return parsed;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/** Deepest bracket nesting outside strings; one pass over the text, no parsing. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The first key that could reach a prototype, with where it is; iterative, so depth costs no stack. */
function forbiddenKeyPath(root: unknown): { key: string; path: string } | null {
  // Paths are built only for the offending key: each entry points at its parent instead.
  interface Entry {
    value: object;
    parent: Entry | null;
    step: string;
  }
  const pathOf = (e: Entry | null): string => {
    let path = '';
    for (let at = e; at; at = at.parent) path = at.step + path;
    return `$${path}`;
  };
  const stack: Entry[] = root && typeof root === 'object' ? [{ value: root, parent: null, step: '' }] : [];
  while (stack.length) {
    const entry = stack.pop()!;
    const value = entry.value;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        if (value[i] && typeof value[i] === 'object') stack.push({ value: value[i], parent: entry, step: `[${i}]` });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return { key, path: pathOf(entry) };
      const child = (value as Record<string, unknown>)[key];
      if (child && typeof child === 'object') stack.push({ value: child, parent: entry, step: `.${key}` });
    }
  }
  return null;
}
