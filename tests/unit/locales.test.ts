// The message catalogues: both languages say the same things, every key a window asks for exists, every problem
// the core can answer has a title and a hint, and no component carries words of its own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../src-main/core/contract';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';

const RENDERER = path.resolve(__dirname, '../../src-renderer');

/** Every leaf of a catalogue as a dotted key. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keys(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const zhKeys = new Set(keys(zh));
const enKeys = new Set(keys(en));

describe('the message catalogues', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect([...zhKeys].sort()).toEqual([...enKeys].sort());
    for (const catalogue of [zh, en]) {
      for (const key of keys(catalogue)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(String(text).trim(), key).not.toBe('');
      }
    }
  });

  it('explain every problem the core can answer, with what to do', () => {
    for (const problem of problemSchema.options) {
      expect(zhKeys.has(`problem.${problem}.title`), problem).toBe(true);
      expect(zhKeys.has(`problem.${problem}.hint`), problem).toBe(true);
    }
  });

  it('hold every key a window asks for by name', () => {
    const asked = sources(RENDERER).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((match) => ({ file, key: match[1] })),
    );
    expect(asked.length).toBeGreaterThan(30);
    for (const { file, key } of asked) expect(zhKeys.has(key), `${path.relative(RENDERER, file)}: ${key}`).toBe(true);
  });

  it('are the only place words live: no component has text of its own between tags', () => {
    for (const file of sources(RENDERER).filter((f) => f.endsWith('.tsx'))) {
      // Text right after a JSX tag (a < that does not follow a name, as a type argument does), up to the next
      // tag or expression, that holds a letter or a Chinese character.
      const literal = /(?<![\w.])<[A-Za-z][^<>]*>\s*([^<>{}\s;=()][^<>{};=()]*?[A-Za-z\u4e00-\u9fff][^<>{};=()]*?)\s*(?=[<{])/gu;
      const found = [...fs.readFileSync(file, 'utf8').matchAll(literal)].map((match) => match[1].trim());
      expect(found, path.relative(RENDERER, file)).toEqual([]);
    }
  });
});
