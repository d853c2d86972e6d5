// The launch options both shells share: how many clerk desks this PC serves, and whether to plug in the
// simulated devices. A bad value stops the launch with a message that says what is allowed.
import { MAX_DESKS } from './stationWindows';

export interface LaunchArguments {
  /** null: as many as the site's settings say. */
  desks: number | null;
  simulate: boolean;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1] ?? '';
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

export function launchArguments(argv: readonly string[]): LaunchArguments {
  const desksText = valueOf(argv, '--desks');
  if (desksText === undefined) return { desks: null, simulate: argv.includes('--simulate') };
  const desks = Number(desksText);
  if (!Number.isInteger(desks) || desks < 1 || desks > MAX_DESKS) {
    throw new Error(`--desks takes a whole number from 1 to ${MAX_DESKS}, not ${JSON.stringify(desksText)}.`);
  }
  return { desks, simulate: argv.includes('--simulate') };
}
