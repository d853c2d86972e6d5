// `npm run station`: the browser station, for machines where Electron cannot be installed.
import { runStation } from './run';

void runStation(process.argv.slice(2));
