/**
 * Import progress on the command line: a cli-progress bar when standard error is a terminal,
 * plain `import: N/M objects` lines otherwise (logs, CI, pipes). Progress goes to standard error so
 * that standard output carries only the summary.
 */
import cliProgress from 'cli-progress';
import type { ImportProgress } from './import.service.js';

export interface ProgressReporter {
  update(p: ImportProgress): void;
  stop(): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'import [{bar}] {percentage}% | {value}/{total} objects | {eta}s left', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update({ done, total }) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = -1;
  return {
    update({ done, total }) {
      if (done === last) return;
      last = done;
      stream.write(`import: ${done}/${total} objects\n`);
    },
    stop() {},
  };
}
