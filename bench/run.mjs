// `npm run bench -- NAME [--quick]`: runs bench/NAME/index.ts (TypeScript through tsx) after making
// sure the server build is current. Each bench ends by printing one JSON line per figure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

const [name, ...rest] = process.argv.slice(2);
const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${dir}${d.name}/index.ts`))
  .map((d) => d.name);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [--quick]\nbenches: ${available.join(', ')}`);
  process.exit(2);
}
await ensureBuilt({ web: false, quiet: true });
const res = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}/index.ts`, ...rest], { stdio: 'inherit' });
process.exit(res.status ?? 1);
