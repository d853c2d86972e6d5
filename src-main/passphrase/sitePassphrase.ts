// The site passphrase the station's database is encrypted with, where no operating-system key store keeps a key
// for it (the browser station, the headless commands): from --passphrase-file, from SWABDESK_PASSPHRASE, or asked
// on the terminal without echo, twice for a new site.
import fs from 'node:fs';

export const PASSPHRASE_ENV = 'SWABDESK_PASSPHRASE';
export const MIN_PASSPHRASE_LENGTH = 8;

/** Reads a line from the terminal without showing it; Ctrl+C ends the process. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const input = process.stdin;
    process.stdout.write(question);
    input.setRawMode(true);
    input.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') process.exit(130);
        if (char === '\r' || char === '\n') {
          input.off('data', onData);
          input.setRawMode(false);
          input.pause();
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
}

/** Why a passphrase for a new site will not do, or null. */
export function passphraseProblem(passphrase: string): string | null {
  return passphrase.length < MIN_PASSPHRASE_LENGTH ? `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.` : null;
}

/** The passphrase given without asking (--passphrase-file, then SWABDESK_PASSPHRASE), if any. */
export function givenPassphrase(argv: readonly string[], isNewSite: boolean): string | undefined {
  const file = optionValue(argv, '--passphrase-file');
  const given = file !== undefined ? fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '') : process.env[PASSPHRASE_ENV];
  const problem = given !== undefined && isNewSite ? passphraseProblem(given) : null;
  if (problem) throw new Error(problem);
  return given;
}

/**
 * The passphrase, or an Error saying how to give one. `isNewSite`: no database yet, so the passphrase is being
 * chosen (checked for length, and asked twice on a terminal).
 */
export async function sitePassphrase(argv: readonly string[], isNewSite: boolean): Promise<string> {
  const given = givenPassphrase(argv, isNewSite);
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    throw new Error(`The site's data is encrypted: give its passphrase with --passphrase-file FILE or ${PASSPHRASE_ENV}.`);
  }
  if (!isNewSite) return askHidden('Site passphrase 站点口令: ');
  for (;;) {
    const chosen = await askHidden(`New site: choose a passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters) 设置站点口令: `);
    const problem = passphraseProblem(chosen);
    if (problem) {
      console.error(problem);
      continue;
    }
    if ((await askHidden('Again 再次输入: ')) === chosen) return chosen;
    console.error('The two did not match; once more.');
  }
}
