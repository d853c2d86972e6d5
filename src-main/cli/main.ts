// `npm run cli -- COMMAND`: headless commands over the same core, for automation and support.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCore, DATABASE_FILE, type Core } from '../core/core';
import { writeCsv } from '../core/export/writeCsv';
import { writeXlsx } from '../core/export/writeXlsx';
import { refusedRowsWords } from '../core/roster/ledger/words';
import { columnMappingSchema, type ColumnMapping } from '../core/roster/rosterPerson';
import { dataDirArgument, platformDataDir } from '../core/dataDir';
import { sitePassphrase } from '../passphrase/sitePassphrase';

const USAGE = `Usage:
  npm run cli -- export --format csv|xlsx --day YYYY-MM-DD --out FILE [--full] [--language zh|en] [--data-dir DIR]
  npm run cli -- verify-audit [--data-dir DIR]
  npm run cli -- backup --out FILE [--data-dir DIR]
  npm run cli -- add-operator --name NAME --role clerk|manager --pin DIGITS [--data-dir DIR]
  npm run cli -- roster import --file FILE [--map MAP.json] [--dry-run] [--data-dir DIR]
  npm run cli -- coverage --day YYYY-MM-DD --out FILE --format csv|xlsx [--language zh|en] [--data-dir DIR]
MAP.json names the column (counted from 0) of each field: {"name": 0, "idNumber": 2, "phone": 3, "grid": 5, …}.
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
      file: { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  // `roster import` is one command of two words.
  const command = positionals[0] === 'roster' ? `roster ${positionals[1] ?? ''}` : positionals[0];
  return { command, values };
}

/** The ledger file and the mapping file, read before the station is opened: a wrong path changes nothing. */
function readLedgerArguments(values: ReturnType<typeof options>['values']) {
  if (!values.file) throw new UsageError('roster import needs --file FILE.');
  if (!fs.existsSync(values.file)) throw new UsageError(`There is no file ${values.file}.`);
  let mapping: ColumnMapping | undefined;
  if (values.map) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(values.map, 'utf8'));
    } catch {
      throw new UsageError(`${values.map} is not JSON.`);
    }
    const checked = columnMappingSchema.safeParse(parsed);
    if (!checked.success) throw new UsageError(`${values.map} is not a mapping: ${z.prettifyError(checked.error)}`);
    mapping = checked.data;
  }
  return { file: { fileName: path.basename(values.file), bytes: fs.readFileSync(values.file) }, mapping };
}

/** Reads the ledger, says what is in it and what was refused (row, column, reason), and imports it unless told not to. */
async function importRoster(core: Core, ledger: ReturnType<typeof readLedgerArguments>, dryRun: boolean): Promise<number> {
  const { preview, imported } = await core.admin.importRoster(ledger.file, ledger.mapping, dryRun, 'cli');
  const reasons = refusedRowsWords('en').reasons;
  console.log(`${preview.fileName}, sheet ${preview.sheet}: ${preview.rows} rows, ${preview.good} good, ${preview.refusedCount} refused.`);
  for (const refused of preview.refused) console.log(`  row ${refused.row}, ${refused.column}: ${reasons[refused.problem]}`);
  if (preview.refusedCount > preview.refused.length) console.log(`  … and ${preview.refusedCount - preview.refused.length} more.`);
  if (preview.missing.length > 0) {
    console.error(`No column for ${preview.missing.join(' and ')}: say which with --map.`);
    return 1;
  }
  if (!imported) {
    console.log(`Dry run: would add ${preview.added}, update ${preview.updated}, leave ${preview.unchanged} as they are. Nothing imported.`);
    return 0;
  }
  console.log(`Imported: ${imported.added} added, ${imported.updated} updated, ${imported.unchanged} unchanged.`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const { command, values } = options(argv);
  if (!['export', 'verify-audit', 'backup', 'add-operator', 'roster import', 'coverage'].includes(command ?? '')) {
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
  if ((command === 'export' || command === 'backup' || command === 'coverage') && !values.out) throw new UsageError(`${command} needs --out FILE.`);
  if (command === 'export' || command === 'coverage') {
    if (values.format !== 'csv' && values.format !== 'xlsx') throw new UsageError('--format is csv or xlsx.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.day ?? '')) throw new UsageError('--day is a date, YYYY-MM-DD.');
    if (values.language !== 'zh' && values.language !== 'en') throw new UsageError('--language is zh or en.');
  }
  const ledger = command === 'roster import' ? readLedgerArguments(values) : null;

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
    if (ledger) return await importRoster(core, ledger, values['dry-run']!);
    if (command === 'coverage') {
      const table = await core.admin.coverageOfDay(values.day!, 'cli', values.language as 'zh' | 'en');
      const sink = fs.createWriteStream(values.out!);
      if (values.format === 'csv') await writeCsv(table.columns, table.rows, sink);
      else await writeXlsx(table.columns, table.rows, sink, table.sheetName);
      console.log(`Coverage of ${values.day} written to ${values.out}.`);
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
