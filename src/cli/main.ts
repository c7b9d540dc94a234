/**
 * The `kizuna` command. `serve` runs a node; the other commands run an operation from
 * operations.ts against the store: directly on PostgreSQL, through the running node's control
 * socket when a node holds the PGlite folder, or by opening the PGlite folder when none does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { sendToRunningNode } from '../server/control.js';
import { openStore } from '../server/node.js';
import { migrate } from '../db/migrate.js';
import { type ProgressReporter, progressReporter } from '../modules/intel/importers/progress.js';
import { type OpName, runOperation } from './operations.js';

async function run(op: OpName, args: Record<string, unknown> = {}, progress?: ProgressReporter): Promise<never> {
  const config = loadConfig();
  let result: { exitCode: number; output: string } | undefined;
  try {
    if (!config.databaseUrl) result = await sendToRunningNode(config.dataDir, op, args, progress?.update);
    if (!result) {
      const { db } = await openStore(config);
      try {
        if (op !== 'migrate') await migrate(db);
        result = await runOperation(db, op, args, { onProgress: progress?.update });
      } finally {
        await db.close();
      }
    }
  } finally {
    progress?.stop();
  }
  (result.exitCode ? process.stderr : process.stdout).write(result.output);
  process.exit(result.exitCode);
}

async function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped input: the first line is the password.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    throw new Error('No password given on standard input');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) out.output.write(s);
  };
  const answer = await new Promise<string>((resolve) => {
    rl.question(question, resolve);
    muted = true;
  });
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const program = new Command('kizuna').description(
  'Kizuna: drills, threat sharing, incident coordination and federation for national CERTs',
);

program
  .command('serve')
  .description('serve the API, TAXII, the console and the workers')
  .action(async () => {
    const { serve } = await import('../server/serve.js');
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .action(() => run('migrate'));
program
  .command('demo')
  .description('load the demo directory into the current store (twice changes nothing)')
  .action(() => run('demo'));

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user with a role in an organisation')
  .requiredOption('--email <email>', 'e-mail address (the login)')
  .requiredOption('--org <org>', 'organisation id, key (cert:VN) or name')
  .requiredOption('--role <role>', 'node_admin, org_admin, controller, evaluator, player, analyst, observer or peer')
  .option('--name <name>', 'full name')
  .option('--password-file <file>', 'read the password from this file instead of prompting')
  .action(async (o: { email: string; org: string; role: string; name?: string; passwordFile?: string }) => {
    const password = o.passwordFile
      ? readFileSync(o.passwordFile, 'utf8').trim()
      : await promptPassword('Password (12 characters or more): ');
    await run('userAdd', { email: o.email, org: o.org, role: o.role, fullName: o.name, password });
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token for a user and print it once')
  .requiredOption('--user <email>', "the token's user")
  .option('--expires-in <duration>', 'lifetime such as 30d, 12h or 90m (default: no expiry)')
  .option('--name <name>', 'a label for the token', 'cli')
  .action((o: { user: string; expiresIn?: string; name: string }) =>
    run('tokenCreate', { user: o.user, expiresIn: o.expiresIn, name: o.name }),
  );

program
  .command('worker')
  .description('run the drill worker (exercise clock and deliveries) without serving HTTP; PostgreSQL only')
  .action(async () => {
    const { workerCommand } = await import('../modules/drills/cli.js');
    await workerCommand(loadConfig());
  });

const drill = program.command('drill').description('drills');
drill
  .command('rehearse <scenario>')
  .description('run a built-in scenario (vpn-gateway, hospital-ransomware) end to end with simulated teams')
  .option('--speed <factor>', 'exercise seconds per real second', '60')
  .action(async (scenario: string, o: { speed: string }) => {
    const { rehearseCommand } = await import('../modules/drills/cli.js');
    process.exit(await rehearseCommand(loadConfig(), scenario, Number(o.speed)));
  });

program
  .command('import <file>')
  .description('import a STIX 2.1 bundle, a MISP event or the CISA KEV catalogue; exits non-zero if anything was refused')
  .option('--collection <id>', 'collection to import into (default: "Imports" of the home organisation, made if needed)')
  .option('--tlp <level>', 'mark objects that carry no TLP marking: clear, green, amber, amber+strict or red')
  .action((file: string, o: { collection?: string; tlp?: string }) =>
    // An absolute path: a running node reads the file itself, from its own working folder.
    run('import', { path: path.resolve(file), collection: o.collection, tlp: o.tlp }, progressReporter()),
  );

const collection = program.command('collection').description('TAXII collections');
collection
  .command('create')
  .description('create a collection; the organisation gets read and write; prints its id')
  .requiredOption('--title <title>', 'the title TAXII clients see')
  .option('--api-root <root>', 'real or exercise (drill data)', 'real')
  .option('--org <org>', 'owning organisation: id, key (cert:VN) or name (default: the home organisation)')
  .action((o: { title: string; apiRoot: string; org?: string }) =>
    run('collectionCreate', { title: o.title, apiRoot: o.apiRoot, org: o.org }),
  );

const auditCmd = program.command('audit').description('the audit log');
auditCmd
  .command('verify')
  .description('check the hash chain; exits non-zero at the first edited, removed or reordered entry')
  .action(() => run('auditVerify'));

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
