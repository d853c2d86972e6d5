// `npm run receiver`: the reference receiver a district without a platform of its own runs to collect every
// station's facts into PostgreSQL.
//
//   npm run receiver -- serve --database postgres://… [--host 127.0.0.1] [--port 8787] [--tls-cert F --tls-key F]
//   npm run receiver -- issue-token --database postgres://… --label "Site 12, PC 1"
//
// --database may be given as DATABASE_URL instead.
import fs from 'node:fs';
import { createReceiver } from './server';
import { createStore } from './store';

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

function usage(message: string): never {
  console.error(message);
  console.error('Usage: npm run receiver -- serve|issue-token --database postgres://… (see docs/upload-protocol.md)');
  process.exit(2);
}

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  const database = option(argv, 'database') ?? process.env.DATABASE_URL;
  if (!database) usage('Give the PostgreSQL database with --database or DATABASE_URL.');
  const store = createStore(database);
  await store.migrate();

  if (command === 'issue-token') {
    const label = option(argv, 'label')?.trim();
    if (!label) usage('issue-token needs --label, saying which station the token is for.');
    // Printed once, never stored: the receiver keeps only its hash.
    console.log(await store.issueToken(label));
    await store.close();
    return;
  }
  if (command !== 'serve') usage(`Unknown command ${JSON.stringify(command)}.`);

  const port = Number(option(argv, 'port') ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port takes a whole number from 0 to 65535.');
  const host = option(argv, 'host') ?? '127.0.0.1';
  const certFile = option(argv, 'tls-cert');
  const keyFile = option(argv, 'tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) usage('--tls-cert and --tls-key go together.');
  const tls = certFile && keyFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : undefined;

  const receiver = createReceiver({ store, host, port, tls });
  const bound = await receiver.listen();
  console.log(`SwabDesk receiver on ${tls ? 'https' : 'http'}://${host}:${bound}, storing into PostgreSQL`);
  const stop = () => void receiver.close().then(() => store.close()).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`The receiver could not start: ${(error as Error).message}`);
  process.exit(1);
});
