// `npm run demo` as a newcomer runs it: a simulated station takes a whole tube through desk 1 and says so.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const DEMO = path.resolve(__dirname, '../../out/main/demo.js');

it('drives a tube of 10 through desk 1 with the simulated devices, and ends', () => {
  const run = spawnSync(process.execPath, [DEMO, '--fast', '--exit'], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout.match(/-> person-added/g)).toHaveLength(10);
  expect(run.stdout).toMatch(/The tube is full and sealed itself: 10 people registered\./);
});
