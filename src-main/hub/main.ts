// `npm run hub`: the hub a district runs. It collects every station's facts into PostgreSQL (the upload protocol),
// keeps each site's tables, and serves each station the facts of the other stations of its site (the site feed).
// Any number of hub processes may serve one database.
//
//   npm run hub -- serve --database postgres://… [--host 127.0.0.1] [--port 8787] [--tls-cert F --tls-key F]
//   npm run hub -- enrol --database postgres://… --site BJ-0101 --label "东城三点 PC1"
//   npm run hub -- issue-token --database postgres://… --label "…"   (a token without a site: uploads, no feed)
//
// --database may be given as DATABASE_URL instead. See docs/hub.md.
import fs from 'node:fs';
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
  console.error('Usage: npm run hub -- serve|enrol|issue-token --database postgres://… (see docs/hub.md)');
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
  const hub = createHub({ store, feedWaiter, host, port, tls });
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

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  const database = option(argv, 'database') ?? process.env.DATABASE_URL;
  if (!database) usage('Give the PostgreSQL database with --database or DATABASE_URL.');
  if (!['serve', 'enrol', 'issue-token'].includes(command)) usage(`Unknown command ${JSON.stringify(command)}.`);
  const enrolment = enrolmentSchema.safeParse({ site: option(argv, 'site') ?? '', label: option(argv, 'label') ?? '' });
  if (command === 'enrol' && !enrolment.success) {
    const problems = enrolment.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ');
    usage(`enrol needs --site, the site's code exactly as its stations send it, and --label, saying which station the token is for (${problems}).`);
  }
  const label = option(argv, 'label')?.trim();
  if (command === 'issue-token' && !label) usage('issue-token needs --label, saying which station the token is for.');

  const store = createStore(database);
  await store.migrate();
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
