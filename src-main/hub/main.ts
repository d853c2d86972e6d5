// `npm run hub`: the hub a district runs. It collects every station's facts into PostgreSQL (the upload protocol),
// keeps each site's tables, and serves each station the facts of the other stations of its site (the site feed).
// Any number of hub processes may serve one database.
//
//   npm run hub -- serve --database postgres://… [--host 127.0.0.1] [--port 8787] [--tls-cert F --tls-key F]
//   npm run hub -- enrol --database postgres://… --site BJ-0101 --label "东城三点 PC1"
//   npm run hub -- issue-token --database postgres://… --label "…"   (a token without a site: uploads, no feed)
//   npm run hub -- add-user --database postgres://… --name N --role viewer|officer   (the district console's users;
//     the password from HUB_USER_PASSWORD or the first line of stdin, never from the command line)
//
// --database may be given as DATABASE_URL instead. See docs/hub.md.
import fs from 'node:fs';
import path from 'node:path';
import { newUserSchema } from './console/schemas';
import { addUser, UserExists } from './console/users';
import { createFeedWaiter } from './feedWaiter';
import { createHub } from './server';
import { createStore } from './store';
import { enrolmentSchema } from './tokens';

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

function usage(message: string): never {
  console.error(message);
  console.error('Usage: npm run hub -- serve|enrol|issue-token|add-user --database postgres://… (see docs/hub.md)');
  process.exit(2);
}

/** Prints a new token once on stdout (the hub keeps only its hash), and what to do with it on stderr. */
async function printToken(issue: () => Promise<string>, close: () => Promise<void>, hint: string): Promise<void> {
  console.log(await issue());
  console.error(hint);
  await close();
}

async function serve(argv: readonly string[], database: string, store: ReturnType<typeof createStore>): Promise<void> {
  const port = Number(option(argv, 'port') ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port takes a whole number from 0 to 65535.');
  const host = option(argv, 'host') ?? '127.0.0.1';
  const certFile = option(argv, 'tls-cert');
  const keyFile = option(argv, 'tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) usage('--tls-cert and --tls-key go together.');
  const tls = certFile && keyFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : undefined;

  const feedWaiter = createFeedWaiter(database);
  await feedWaiter.start();
  const hub = createHub({ store, feedWaiter, host, port, tls, rendererDir: path.resolve(__dirname, '../renderer') });
  const bound = await hub.listen();
  console.log(`SwabDesk hub on ${tls ? 'https' : 'http'}://${host}:${bound}, storing into PostgreSQL`);
  const stop = () =>
    void hub
      .close()
      .then(() => feedWaiter.close())
      .then(() => store.close())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The password on a line of stdin (a pipe, or typed), or in HUB_USER_PASSWORD: argv shows in the process list. */
async function readPassword(): Promise<string> {
  if (process.env.HUB_USER_PASSWORD !== undefined) return process.env.HUB_USER_PASSWORD;
  if (process.stdin.isTTY) console.error('Password (the input shows as you type; pipe it in to avoid that):');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function newUser(argv: readonly string[]) {
  const role = option(argv, 'role');
  if (role !== 'viewer' && role !== 'officer') usage('add-user needs --role viewer (sees registrations masked) or officer (may open one in full, audited).');
  const checked = newUserSchema.safeParse({ name: option(argv, 'name') ?? '', role, password: await readPassword() });
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    usage(`add-user needs --name and a password of at least 10 characters (${problems}).`);
  }
  return checked.data;
}

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  const database = option(argv, 'database') ?? process.env.DATABASE_URL;
  if (!database) usage('Give the PostgreSQL database with --database or DATABASE_URL.');
  if (!['serve', 'enrol', 'issue-token', 'add-user'].includes(command)) usage(`Unknown command ${JSON.stringify(command)}.`);
  const enrolment = enrolmentSchema.safeParse({ site: option(argv, 'site') ?? '', label: option(argv, 'label') ?? '' });
  if (command === 'enrol' && !enrolment.success) {
    const problems = enrolment.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ');
    usage(`enrol needs --site, the site's code exactly as its stations send it, and --label, saying which station the token is for (${problems}).`);
  }
  const label = option(argv, 'label')?.trim();
  if (command === 'issue-token' && !label) usage('issue-token needs --label, saying which station the token is for.');

  const user = command === 'add-user' ? await newUser(argv) : undefined;

  const store = createStore(database);
  await store.migrate();
  if (user) {
    try {
      await addUser(store.pool, user);
    } catch (error) {
      if (!(error instanceof UserExists)) throw error;
      await store.close();
      usage(error.message);
    }
    console.error(`Console user ${user.name} (${user.role}) added: they sign in at /console/ on this hub.`);
    return store.close();
  }
  if (command === 'enrol') {
    const { site } = enrolment.data!;
    const hint = `Shown only now. Enter it in the station's upload settings; the station's site code must be ${site}.`;
    return printToken(() => store.enrol(enrolment.data!), store.close, hint);
  }
  if (command === 'issue-token') {
    const hint = 'Shown only now. A token without a site uploads and reads no feed: hub enrol --site gives one that does.';
    return printToken(() => store.issueToken(label!), store.close, hint);
  }
  await serve(argv, database, store);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`The hub could not start: ${(error as Error).message}`);
  process.exit(1);
});
