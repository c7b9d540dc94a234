/** The command line's import progress: a bar on a terminal, plain lines anywhere else. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.js';

function capture(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => text };
}

describe('import progress', () => {
  it('draws a bar on a terminal', () => {
    const out = capture(true);
    const progress = progressReporter(out.stream);
    progress.update({ done: 0, total: 1405 });
    progress.update({ done: 1000, total: 1405 });
    progress.update({ done: 1405, total: 1405 });
    progress.stop();
    expect(out.text()).toMatch(/import \[[█░]+\] 100% \| 1405\/1405 objects/);
  });

  it('prints one plain line per step elsewhere', () => {
    const out = capture(false);
    const progress = progressReporter(out.stream);
    for (const done of [0, 1000, 1000, 1405]) progress.update({ done, total: 1405 });
    progress.stop();
    expect(out.text()).toBe('import: 0/1405 objects\nimport: 1000/1405 objects\nimport: 1405/1405 objects\n');
  });
});
