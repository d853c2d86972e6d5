// The site-feed crash test's reader: a station that reads its site's feed into its mirror (its hub and token are in
// its settings already) and is killed at random moments while it applies.
import fs from 'node:fs';
import { createCore } from '../../src-main/core/core';

const core = createCore({ dataDir: process.argv[2], feed: { waitSeconds: 1, backoff: { baseMs: 20, capMs: 200 } } });
core.uploader.start();
fs.writeSync(1, 'READY\n');
