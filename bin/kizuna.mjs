#!/usr/bin/env node
// Entry point of the `kizuna` command. Builds the server (and, for `serve`, the console) when the
// build is missing or older than the sources, then runs the compiled command.
import { ensureBuilt } from '../scripts/build.mjs';

const command = process.argv[2];
// KIZUNA_NO_WEB_BUILD=1 serves the API without (re)building the console (tests of the API alone).
const web = (command === 'serve' || command === undefined) && !process.env.KIZUNA_NO_WEB_BUILD;
await ensureBuilt({ web, quiet: command !== 'serve' });
await import('../dist/src/cli/main.js');
