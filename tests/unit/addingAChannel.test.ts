// docs/adding-a-channel.md tells the truth: its example channel exists in the feature it names, the lines it quotes
// are in the files it says, and every file it points to is there.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { channels } from '../../src-main/core/contract';
import { siteChannels } from '../../src-main/core/site/channels';

const ROOT = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(ROOT, 'docs/adding-a-channel.md'), 'utf8');

/** The code block that follows the first mention of `file` in the doc. */
function quotedFor(file: string): string {
  const after = doc.slice(doc.indexOf(file));
  const block = /```ts\n([\s\S]*?)```/.exec(after);
  if (!block) throw new Error(`no code quoted after ${file}`);
  return block[1].replace(/^ {3}/gm, '').trim();
}

it('walks through a channel that exists, in the feature it names', () => {
  const example = /## An example: `([\w.]+)`/.exec(doc)?.[1];
  expect(example).toBe('site.unbaggedTubes');
  expect(Object.keys(siteChannels)).toContain(example);
  expect(Object.keys(channels)).toContain(example);
});

it('quotes lines that are in the files it names, as they are', () => {
  // The doc quotes a statement on one line; the source may wrap it, with a trailing comma.
  const normalise = (code: string) =>
    code
      .replace(/\s+/g, ' ')
      .replace(/([{([,]) /g, '$1')
      .replace(/ ([})\]])/g, '$1')
      .replace(/,([})\]])/g, '$1');
  for (const file of ['src-main/core/site/unbagged.ts', 'src-main/core/site/channels.ts', 'src-main/core/site/handlers.ts']) {
    const source = normalise(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    expect(source, file).toContain(normalise(quotedFor(`\`${file}\``)));
  }
});

it('points only to files that exist', () => {
  const files = [...doc.matchAll(/`((?:src-main|tests|docs)\/[\w./-]+\.(?:ts|md))`/g)].map((match) => match[1]);
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
});
