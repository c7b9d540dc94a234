// Builds what `kizuna` runs: the server with esbuild (TypeScript to ES modules, file by file, in
// dist/) and the console with Vite (web/dist). Each is rebuilt only when missing or older than its
// sources, so `npm start` on a fresh clone builds once and later starts at once.
// Type checking is `npm run typecheck`; it is not needed to run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir, skip = new Set()) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return newest;
}

function listTs(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) listTs(p, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const stampOf = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

export async function buildServer({ force = false, quiet = false } = {}) {
  const stamp = path.join(root, 'dist', '.built');
  const sources = Math.max(newestMtime(path.join(root, 'src')), stampOf(path.join(root, 'package.json')));
  if (!force && stampOf(stamp) >= sources) return false;
  if (!quiet) process.stdout.write('Building the server… ');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: listTs(path.join(root, 'src')),
    outdir: path.join(root, 'dist', 'src'),
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  writeFileSync(stamp, new Date().toISOString());
  if (!quiet) process.stdout.write('done\n');
  return true;
}

// A migrated empty PGlite store for fast first starts (src/db/template.ts); rebuilt with the
// server or when a migration changes.
export async function buildTemplate({ force = false, quiet = false } = {}) {
  const file = path.join(root, 'dist', 'pglite-template.tar.json');
  const sources = Math.max(newestMtime(path.join(root, 'src', 'db')), stampOf(path.join(root, 'dist', '.built')));
  if (!force && stampOf(file) >= sources) return false;
  if (!quiet) process.stdout.write('Preparing the embedded store template… ');
  execFileSync(process.execPath, ['--input-type=module', '-e', "await (await import('./dist/src/db/template.js')).writeTemplate()"], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!quiet) process.stdout.write('done\n');
  return true;
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  const webRoot = path.join(root, 'web');
  if (!existsSync(path.join(webRoot, 'index.html'))) return false;
  const stamp = path.join(webRoot, 'dist', '.built');
  const sources = newestMtime(webRoot, new Set(['dist', 'node_modules']));
  if (!force && stampOf(stamp) >= sources) return false;
  if (!quiet) process.stdout.write('Building the console (first start or changed sources; takes a little while)… ');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(webRoot, 'vite.config.ts'),
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  writeFileSync(stamp, new Date().toISOString());
  if (!quiet) process.stdout.write('done\n');
  return true;
}

export async function ensureBuilt({ web = true, quiet = false, force = false } = {}) {
  await buildServer({ force, quiet });
  await buildTemplate({ force, quiet });
  if (web) await buildWeb({ force, quiet });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureBuilt({ force: process.argv.includes('--force') });
}
