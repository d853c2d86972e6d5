// `npm run cli -- COMMAND`: headless commands over the same core, for automation and support.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, DATABASE_FILE } from '../core/core';
import { dataDirArgument, platformDataDir } from '../core/dataDir';
import { sitePassphrase } from '../passphrase/sitePassphrase';

const USAGE = `Usage:
  npm run cli -- export --format csv|xlsx --day YYYY-MM-DD --out FILE [--full] [--language zh|en] [--data-dir DIR]
  npm run cli -- verify-audit [--data-dir DIR]
  npm run cli -- backup --out FILE [--data-dir DIR]
  npm run cli -- add-operator --name NAME --role clerk|manager --pin DIGITS [--data-dir DIR]
Each asks for the site passphrase, or takes it from --passphrase-file FILE or SWABDESK_PASSPHRASE.`;

class UsageError extends Error {}

function options(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      format: { type: 'string' },
      day: { type: 'string' },
      out: { type: 'string' },
      full: { type: 'boolean', default: false },
      language: { type: 'string', default: 'zh' },
      name: { type: 'string' },
      role: { type: 'string' },
      pin: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
  });
  return { command: positionals[0], values };
}

async function run(argv: string[]): Promise<number> {
  const { command, values } = options(argv);
  if (!['export', 'verify-audit', 'backup', 'add-operator'].includes(command ?? '')) {
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
  if ((command === 'export' || command === 'backup') && !values.out) throw new UsageError(`${command} needs --out FILE.`);
  if (command === 'export') {
    if (values.format !== 'csv' && values.format !== 'xlsx') throw new UsageError('--format is csv or xlsx.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.day ?? '')) throw new UsageError('--day is a date, YYYY-MM-DD.');
    if (values.language !== 'zh' && values.language !== 'en') throw new UsageError('--language is zh or en.');
  }

  const dataDir = path.resolve(dataDirArgument(argv) ?? platformDataDir());
  const key = await sitePassphrase(argv, !fs.existsSync(path.join(dataDir, DATABASE_FILE)));
  const core = createCore({ dataDir, key });
  try {
    if (command === 'verify-audit') {
      const verdict = core.admin.verifyAudit();
      if (verdict.ok) console.log(`Audit trail verified: ${verdict.rows} rows, head ${verdict.head}.`);
      else console.error(`Audit trail broken at row ${verdict.seq} (${verdict.problem}); ${verdict.rows} rows before it verified.`);
      return verdict.ok ? 0 : 1;
    }
    if (command === 'add-operator') {
      if (values.role !== 'clerk' && values.role !== 'manager') throw new UsageError('--role is clerk or manager.');
      if (!values.name || !values.pin) throw new UsageError('add-operator needs --name and --pin.');
      // The same checks as the manager's settings, the PIN hashed, the addition in the trail.
      const outcome = core.admin.saveOperator({ name: values.name, role: values.role, pin: values.pin }, 'cli');
      if (outcome.result === 'refused') {
        const where = outcome.problem === 'invisible-character' ? ` (${outcome.character.codePoint} at position ${outcome.character.position})` : '';
        throw new UsageError(`Not added: ${outcome.problem}${where}.`);
      }
      console.log(`Added ${values.role} ${outcome.operator.name} (${outcome.operator.id}).`);
      return 0;
    }
    if (command === 'backup') {
      await core.admin.backup(values.out!);
      console.log(`Backed up to ${values.out}.`);
      return 0;
    }
    const count = await core.admin.exportDay({
      format: values.format as 'csv' | 'xlsx',
      day: values.day!,
      out: values.out!,
      full: values.full!,
      language: values.language as 'zh' | 'en',
      actor: 'cli',
    });
    console.log(`Exported ${count} registrations of ${values.day} to ${values.out}${values.full ? ' (full, audited)' : ' (masked)'}.`);
    return 0;
  } finally {
    core.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error instanceof UsageError || error.name === 'TypeError' ? `${error.message}\n${USAGE}` : error.message);
    process.exitCode = 2;
  },
);
