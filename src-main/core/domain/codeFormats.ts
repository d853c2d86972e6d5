// Personal codes: the site's ordered list of formats it accepts, and the product's own pre-registration sticker,
// which is always recognised first. Parsing never throws: a code that no format recognises is simply unknown.
import { z } from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from './documents';
import { because } from './inputIssues';
import { compiles, NOT_A_PATTERN } from './regex';
import { readSticker, STICKER_PROBLEMS, type StickerKeyring } from './stickerCode';

const FIELDS = ['name', 'idNumber', 'phone', 'docType'] as const;

const name = z.string().trim().min(1).max(40);

export const codeFormatSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('delimited'),
    name,
    /** Literal separators between {field} placeholders, e.g. `{name}|{idNumber}|{phone}`. */
    template: z
      .string()
      .max(200)
      .refine((t) => t.includes('{idNumber}'), because('format-template-without-id-number', 'the template needs {idNumber}'))
      .refine(
        (t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => (FIELDS as readonly string[]).includes(m[1])),
        because('format-template-unknown-field', 'unknown field'),
      ),
  }),
  z.strictObject({
    kind: z.literal('json'),
    name,
    /** Dotted paths into the JSON object. */
    fields: z.strictObject({
      name: z.string().max(100),
      idNumber: z.string().max(100),
      phone: z.string().max(100).optional(),
      docType: z.string().max(100).optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal('regex'),
    name,
    pattern: z
      .string()
      .max(500)
      .refine(compiles, NOT_A_PATTERN)
      .refine((p) => p.includes('(?<idNumber>'), because('format-pattern-without-id-number', 'the pattern needs a named group idNumber')),
  }),
  z.strictObject({
    kind: z.literal('url'),
    name,
    host: z.string().max(200).optional(),
    params: z.strictObject({ name: z.string().max(50).optional(), idNumber: z.string().max(50), phone: z.string().max(50).optional() }),
  }),
  z.strictObject({
    kind: z.literal('opaque'),
    name,
    pattern: z.string().max(500).refine(compiles, NOT_A_PATTERN),
  }),
]);

export type CodeFormat = z.infer<typeof codeFormatSchema>;

/**
 * What a code says: a person's fields, an opaque token only the platform can resolve to a person, or a sticker
 * refused for what it is (altered, or sealed with a key this station does not hold).
 */
export const parsedCodeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    format: z.string(),
    fields: z.object({ docType: z.enum(DOCUMENT_TYPES), name: z.string(), idNumber: z.string(), phone: z.string() }),
  }),
  z.object({ kind: z.literal('token'), format: z.string(), token: z.string() }),
  z.object({ kind: z.literal('refused'), format: z.string(), problem: z.enum(STICKER_PROBLEMS) }),
]);
export type ParsedCode = z.output<typeof parsedCodeSchema>;

export const STICKER_FORMAT = 'SwabDesk sticker';

export const DEFAULT_CODE_FORMATS: CodeFormat[] = [{ kind: 'delimited', name: '姓名|证件号|电话', template: '{name}|{idNumber}|{phone}' }];

function person(format: string, raw: Partial<Record<(typeof FIELDS)[number], unknown>>): ParsedCode | undefined {
  const docType = raw.docType ?? 'resident-id';
  if (typeof raw.idNumber !== 'string' || !(DOCUMENT_TYPES as readonly unknown[]).includes(docType)) return undefined;
  if ((raw.name !== undefined && typeof raw.name !== 'string') || (raw.phone !== undefined && typeof raw.phone !== 'string')) {
    return undefined;
  }
  return {
    kind: 'person',
    format,
    fields: { docType: docType as DocumentType, idNumber: raw.idNumber, name: (raw.name as string) ?? '', phone: (raw.phone as string) ?? '' },
  };
}

function parseSticker(text: string, stickerKeys: StickerKeyring): ParsedCode | undefined {
  const reading = readSticker(text, stickerKeys);
  if (!reading) return undefined;
  return reading.ok
    ? { kind: 'person', format: STICKER_FORMAT, fields: reading.person }
    : { kind: 'refused', format: STICKER_FORMAT, problem: reading.problem };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parseWith(format: CodeFormat, text: string): ParsedCode | undefined {
  switch (format.kind) {
    case 'delimited': {
      const parts = format.template.split(/(\{\w+\})/).filter((part) => part !== '');
      // A field never contains a separator of the template, so "a|b|c|d" is not taken for three fields.
      const separators = [...new Set(parts.filter((part) => !/^\{\w+\}$/.test(part)).join(''))];
      const inClass = separators.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
      const field = separators.length === 0 ? '.*' : `[^${inClass}]*`;
      const source = parts.map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>${field})` : escapeRegExp(part))).join('');
      const match = new RegExp(`^${source}$`, 'su').exec(text);
      return match?.groups ? person(format.name, match.groups) : undefined;
    }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      const at = (dotted: string | undefined) =>
        dotted === undefined
          ? undefined
          : dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
      const { fields } = format;
      if (typeof at(fields.name) !== 'string') return undefined;
      return person(format.name, { name: at(fields.name), idNumber: at(fields.idNumber), phone: at(fields.phone), docType: at(fields.docType) });
    }
    case 'regex': {
      const match = new RegExp(`^(?:${format.pattern})$`, 'su').exec(text);
      return match?.groups ? person(format.name, match.groups) : undefined;
    }
    case 'url': {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return undefined;
      }
      if (!['http:', 'https:'].includes(url.protocol) || (format.host !== undefined && url.host !== format.host)) return undefined;
      const param = (key: string | undefined) => (key === undefined ? undefined : (url.searchParams.get(key) ?? undefined));
      return person(format.name, { name: param(format.params.name), idNumber: param(format.params.idNumber), phone: param(format.params.phone) });
    }
    case 'opaque':
      return new RegExp(`^(?:${format.pattern})$`, 'su').test(text) ? { kind: 'token', format: format.name, token: text } : undefined;
  }
}

/**
 * The sticker first (opened with the station's sticker keys), then the site's formats in order: the first that
 * recognises the code wins.
 */
export function parsePersonCode(text: string, formats: readonly CodeFormat[], stickerKeys: StickerKeyring): ParsedCode | undefined {
  return (
    parseSticker(text, stickerKeys) ??
    formats.reduce<ParsedCode | undefined>((found, format) => found ?? parseWith(format, text), undefined)
  );
}

/** For the settings screen's tester: what each format makes of a sample code, and which one wins. */
export const codeFormatTestSchema = z.object({
  result: parsedCodeSchema.nullable(),
  formats: z.array(z.object({ name: z.string(), matches: z.boolean() })),
});

export function testCodeFormats(
  text: string,
  formats: readonly CodeFormat[],
  stickerKeys: StickerKeyring,
): z.output<typeof codeFormatTestSchema> {
  return {
    result: parsePersonCode(text, formats, stickerKeys) ?? null,
    formats: formats.map((format) => ({ name: format.name, matches: parseWith(format, text) !== undefined })),
  };
}
