// Runs Electronegativity (Doyensec's Electron security checks) over the Electron shell, the renderer and package.json,
// and fails when it reports a finding that the table in docs/security.md does not list (matched by check id and file):
// nothing new reaches the code without somebody reviewing it there.
// Offline, in a few seconds: the one check that downloads Electron's release list is left out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import electronegativity from '@doyensec/electronegativity';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED_FOLDERS = ['src-main', 'src-renderer'];
const REVIEWED_TABLE = path.join(ROOT, 'docs', 'security.md');
// Needs the network (GitHub) on every run; Electron's own updates are reviewed with the other dependencies.
const LEFT_OUT_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** "CHECK_ID file" for each row of the findings table: | `CHECK_ID` | `file:line` | verdict | resolution |. */
function reviewedFindings() {
  const rows = fs.readFileSync(REVIEWED_TABLE, 'utf8').matchAll(/^\|\s*`?([A-Z0-9_]+_CHECK)`?\s*\|\s*`?([^|`]+?)`?\s*\|/gm);
  return new Set([...rows].map(([, checkId, location]) => `${checkId} ${location.replace(/(:\d+)+$/, '')}`));
}

/**
 * One folder holding links to what is scanned, so the whole app is one scan (the global checks see main and
 * renderer together) and every file is named by its path in the repository.
 */
function scanRoot() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-electronegativity-'));
  for (const folder of SCANNED_FOLDERS) fs.symlinkSync(path.join(ROOT, folder), path.join(root, folder), 'junction');
  // package.json gives the Electron version the checks assume, and its scripts are checked for risky flags.
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  return root;
}

const reviewed = reviewedFindings();
const root = scanRoot();
let result;
try {
  result = await electronegativity({
    input: root,
    isRelative: true,
    customScan: [],
    excludeFromScan: LEFT_OUT_CHECKS.map((check) => check.toLowerCase()),
    parserPlugins: [],
  });
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

const found = new Set();
let failed = false;
for (const issue of result.issues) {
  const file = issue.file.split(path.sep).join('/');
  const key = `${issue.id} ${file}`;
  found.add(key);
  const listed = reviewed.has(key);
  failed ||= !listed;
  console.log(`${listed ? 'reviewed  ' : 'NOT LISTED'} ${issue.id} ${file}:${issue.location.line} (${issue.severity.name}, ${issue.confidence.name})`);
}
// Not a failure: the table also lists what the bare CLI reports when it cannot tell the Electron version.
const notReported = [...reviewed].filter((key) => !found.has(key));
if (notReported.length > 0) console.log(`Listed in docs/security.md, not reported by this scan: ${notReported.join(', ')}`);
for (const error of result.errors.filter((e) => !e.tolerable)) {
  failed = true;
  console.log(`NOT SCANNED ${path.relative(root, error.file)}: ${error.message}`);
}
console.log(
  failed
    ? '\nUpdate docs/security.md: review each finding above (true problem, false positive or accepted risk) and list it.'
    : `\n${result.issues.length} findings, each reviewed in docs/security.md.`,
);
process.exitCode = failed ? 1 : 0;
