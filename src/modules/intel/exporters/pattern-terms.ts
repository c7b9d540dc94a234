/**
 * Reads back the simple patterns MISP can hold as typed attributes: one observation expression of
 * equality tests joined by AND, e.g. `[file:name = 'a.exe' AND file:hashes.MD5 = '…']`. Anything
 * richer (OR, other operators, several observations, qualifiers) returns null, and the MISP
 * exporter keeps it as a `stix2-pattern` attribute instead. Patterns were validated on the way in,
 * so this reader only has to recognise, not to diagnose.
 */
export interface Term {
  path: string;
  value: string;
}

export function simpleTerms(pattern: string): Term[] | null {
  const s = pattern.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return null;
  const terms: Term[] = [];
  let i = 1;
  const end = s.length - 1;
  const skipSpace = () => {
    while (i < end && /\s/.test(s[i])) i++;
  };
  for (;;) {
    skipSpace();
    // The object path: up to the operator, honouring quoted keys such as hashes.'SHA-256'.
    let path = '';
    while (i < end && !/[\s=]/.test(s[i])) {
      if (s[i] === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) return null;
        path += s.slice(i + 1, close);
        i = close + 1;
      } else path += s[i++];
    }
    skipSpace();
    if (!path || s[i] !== '=') return null;
    i++;
    skipSpace();
    let value = '';
    if (s[i] === "'") {
      i++;
      while (i < end && s[i] !== "'") {
        if (s[i] === '\\') i++;
        value += s[i++];
      }
      if (s[i] !== "'") return null;
      i++;
    } else {
      const m = /^-?\d+/.exec(s.slice(i, end));
      if (!m) return null;
      value = m[0];
      i += m[0].length;
    }
    terms.push({ path, value });
    skipSpace();
    if (i === end) return terms;
    if (s.slice(i, i + 3) !== 'AND' || !/\s/.test(s[i + 3] ?? '')) return null;
    i += 3;
  }
}
