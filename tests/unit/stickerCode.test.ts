// The sticker's sealed code: it reads back with the key that sealed it, says nothing to anyone without it, and any
// one character changed, or a key the station does not hold, is refused, each for what it is.
import { createCipheriv, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fromBase32, toBase32 } from '../../src-main/core/domain/base32';
import { DOCUMENT_TYPES } from '../../src-main/core/domain/documents';
import { readSticker, sealSticker, type StickerKey, type StickerKeyring } from '../../src-main/core/domain/stickerCode';

const KEY: StickerKey = { id: '5e1f00a7', secret: randomBytes(32) };
const keyring: StickerKeyring = (id) => (id === KEY.id ? KEY.secret : undefined);
const PERSON = { docType: 'resident-id' as const, idNumber: '110101199003071233', name: '钱老伯', phone: '13812345678' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX = 'SWABDESK2';

describe('the sealed sticker code', () => {
  it('reads back every document type with the key that sealed it, as capital letters and digits only', () => {
    for (const docType of DOCUMENT_TYPES) {
      const person = { ...PERSON, docType, name: 'Anna 李' };
      const code = sealSticker(person, KEY);
      expect(code).toMatch(/^SWABDESK2[A-Z2-7]+$/);
      expect(readSticker(code, keyring)).toEqual({ ok: true, person });
      // A keyboard-mode scanner with Caps Lock on types it in lower case.
      expect(readSticker(code.toLowerCase(), keyring)).toEqual({ ok: true, person });
    }
  });

  it('seals the same person differently each time', () => {
    expect(sealSticker(PERSON, KEY)).not.toBe(sealSticker(PERSON, KEY));
  });

  it('refuses the code with any one character changed, wherever it is, as altered', () => {
    const code = sealSticker(PERSON, KEY);
    for (let at = PREFIX.length; at < code.length; at++) {
      const other = ALPHABET[(ALPHABET.indexOf(code[at]) + 1 + (at % 31)) % 32];
      const changed = code.slice(0, at) + other + code.slice(at + 1);
      expect(readSticker(changed, keyring), `character ${at}`).toEqual({ ok: false, problem: 'sticker-altered' });
    }
    expect(readSticker(code.slice(0, -1), keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
    expect(readSticker(`${code}A`, keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
    expect(readSticker(`${code.slice(0, -1)}!`, keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
    expect(readSticker(PREFIX, keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
  });

  it('refuses a code changed with its check made to fit, or made up under a known key id, as altered', () => {
    const bytes = fromBase32(sealSticker(PERSON, KEY).slice(PREFIX.length))!;
    const sealed = bytes.subarray(0, -4);
    sealed[20] ^= 1;
    const refitted = Buffer.alloc(4);
    refitted.writeUInt32BE(crc32(sealed));
    expect(readSticker(PREFIX + toBase32(Buffer.concat([sealed, refitted])), keyring)).toEqual({ ok: false, problem: 'sticker-altered' });

    const forged = sealSticker(PERSON, { id: KEY.id, secret: randomBytes(32) });
    expect(readSticker(forged, keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
  });

  it('refuses a sound code sealed with a key the station does not hold, as of an unknown key', () => {
    const elsewhere = sealSticker(PERSON, { id: 'c0ffee00', secret: randomBytes(32) });
    expect(readSticker(elsewhere, keyring)).toEqual({ ok: false, problem: 'sticker-unknown-key' });
    // The station's own sticker, where its key is not held.
    expect(readSticker(sealSticker(PERSON, KEY), () => undefined)).toEqual({ ok: false, problem: 'sticker-unknown-key' });
  });

  it('authenticates its prefix and key id with the sealed text', () => {
    // The same key under another id, as if a code had been given another key's id with its check made to fit.
    const bytes = fromBase32(sealSticker(PERSON, KEY).slice(PREFIX.length))!;
    const sealed = Buffer.from(bytes.subarray(0, -4));
    Buffer.from('0badc0de', 'hex').copy(sealed);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(sealed));
    const moved = PREFIX + toBase32(Buffer.concat([sealed, check]));
    expect(readSticker(moved, (id) => (id === '0badc0de' ? KEY.secret : undefined))).toEqual({ ok: false, problem: 'sticker-altered' });
  });

  it('refuses a text sealed with the key but not in the sticker layout, as altered', () => {
    const keyId = Buffer.from(KEY.id, 'hex');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY.secret, nonce);
    cipher.setAAD(Buffer.concat([Buffer.from(PREFIX), keyId]));
    const sealed = Buffer.concat([keyId, nonce, cipher.update('R\u001f110101199003071233', 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(sealed));
    expect(readSticker(PREFIX + toBase32(Buffer.concat([sealed, check])), keyring)).toEqual({ ok: false, problem: 'sticker-altered' });
  });

  it('is no sticker at all without its prefix', () => {
    expect(readSticker(sealSticker(PERSON, KEY).slice(1), keyring)).toBeUndefined();
    expect(readSticker(`张三|${PERSON.idNumber}|${PERSON.phone}`, keyring)).toBeUndefined();
  });
});

describe('the sticker printed before sealing', () => {
  it('still reads, in clear as it always was', () => {
    const json = JSON.stringify({ t: 'resident-id', n: PERSON.idNumber, m: PERSON.name, p: PERSON.phone });
    const clear = 'SWABDESK1:' + Buffer.from(json).toString('base64url');
    expect(readSticker(clear, () => undefined)).toEqual({ ok: true, person: PERSON });
  });
});
