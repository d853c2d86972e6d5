// A person sampled earlier today is said with the desk, and with the PC when it was another PC of the site: as a
// re-test to confirm and as a refusal, in both languages.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { showScan, type Shown } from '../../../src-renderer/clerk/outcome';
import en from '../../../src-renderer/shared/locales/en.json';
import zh from '../../../src-renderer/shared/locales/zh.json';

beforeAll(async () => {
  await i18next.init({ lng: 'zh', resources: { zh: { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

const person = { position: 3, name: '张*', idNumber: '110101********1233', spokenName: '', sex: 'male' as const, birthYear: 1990 };
const here = { at: '2026-11-23T01:05:00.000Z', desk: '2' };
const elsewhere = { ...here, pc: '收费处' };
const ok = <T>(value: T) => ({ ok: true as const, value });
const said = (shown: Shown, lng: string) => i18next.t(shown.title, { ...shown.params, lng });

describe('the words for a person sampled earlier today', () => {
  it('name the other PC of the site where the earlier sampling was', () => {
    const confirm = showScan(ok({ result: 'confirm', warning: 'sampled-today', person, earlier: elsewhere }));
    const refused = showScan(ok({ result: 'refused', problem: 'sampled-today', earlier: elsewhere }));
    expect(said(confirm, 'zh')).toMatch(/^张\* 今天 \d\d:\d\d 已在 收费处 的 2 号台采样$/);
    expect(said(refused, 'zh')).toMatch(/^此人今天 \d\d:\d\d 已在 收费处 的 2 号台采样$/);
    expect(said(confirm, 'en')).toMatch(/at desk 2 of PC 收费处$/);
    expect(said(refused, 'en')).toMatch(/at desk 2 of PC 收费处$/);
  });

  it('name only the desk when it was this PC', () => {
    const confirm = showScan(ok({ result: 'confirm', warning: 'sampled-today', person, earlier: here }));
    const refused = showScan(ok({ result: 'refused', problem: 'sampled-today', earlier: here }));
    expect(said(confirm, 'zh')).toMatch(/^张\* 今天 \d\d:\d\d 已在 2 号台采样$/);
    expect(said(refused, 'zh')).toMatch(/^此人今天 \d\d:\d\d 已在 2 号台采样$/);
    expect(said(confirm, 'en')).not.toContain('PC');
  });
});
