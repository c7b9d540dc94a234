/**
 * The one part of `node:net` the pattern parser uses (observables.ts classifies addresses with
 * isIPv6), for the browser bundle: web/vite.config.ts points `node:net` here. Same answers as Node
 * for addresses without a zone index, which STIX values never carry.
 */
const V4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const GROUP = /^[0-9a-f]{1,4}$/i;

export function isIPv4(value: string): boolean {
  return V4.test(value);
}

export function isIPv6(value: string): boolean {
  let text = value;
  let groups = 8;
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groups = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const [head, tail] = [parts(halves[0]), halves.length === 2 ? parts(halves[1]) : []];
  if (![...head, ...tail].every((g) => GROUP.test(g))) return false;
  const count = head.length + tail.length;
  // '::' stands for one or more groups of zeros.
  return halves.length === 2 ? count <= groups - 1 : count === groups;
}

export function isIP(value: string): 0 | 4 | 6 {
  return isIPv4(value) ? 4 : isIPv6(value) ? 6 : 0;
}
