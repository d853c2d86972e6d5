// The input-method check for scans typed into a window: what a Chinese input method makes of a scan is caught,
// genuine payloads with Chinese in them pass.
import { describe, expect, it } from 'vitest';
import { detectInputGarbling } from '../../src-main/core/domain/inputGarbling';

describe('input-method garbling', () => {
  it.each([
    ['full-width mode: digits', '２０２６１１２３００００１'],
    ['full-width mode: letters and digits', 'ＳＤ２０２６１１２３'],
    ['full-width mode: a space', 'ABC\u3000123'],
    ['Chinese punctuation: the delimiters of a personal code', '张三｜110101199003071233｜13800000000'],
    ['Chinese punctuation: a comma between numbers', '110101199003071233，13800000000'],
    ['Chinese punctuation: a URL', 'https：／／m.example.cn／c？id＝12345'],
    ['Chinese punctuation: a URL where / and = stay ASCII', 'https：//m。example。cn/c？id=12345'],
    ['Chinese punctuation: JSON quotes and colons', '{“name”：“张三”，“id”：“110101199003071233”}'],
    ['Chinese punctuation: JSON, braces too', '｛“name”：“张三”｝'],
    ['Chinese punctuation: brackets', '【TUBE】2026-0001'],
  ])('catches %s', (_, text) => {
    expect(detectInputGarbling(text)).toBe('full-width');
  });

  it.each([
    ['syllables segmented with apostrophes', "zhang'san|110101199003071233"],
    ['a segmented phrase', "ni'hao'ma"],
    ['initials segmented with apostrophes', "s'd'f|110101199003071233"],
    ['Han characters where letters were', 'SD阿布从12345'],
    ['Han characters inside the digits', '2026你好112300001'],
    ['a candidate picked by the first digit', '是的2026112300001'],
  ])('catches pinyin: %s', (_, text) => {
    expect(detectInputGarbling(text)).toBe('pinyin');
  });

  it.each([
    ['a tube label', '2026112300001'],
    ['a Code 128', 'ABC1234567'],
    ['a boarding pass', 'M1TEST/SAMPLE        ABCDEF PEKSHAMU 5101 052Y003D0023 100XY'],
    ['a delimited personal code', '张三|110101199003071233|13800000000'],
    ['a compound surname', '欧阳娜娜|11010119900307123X|13900000001'],
    ['a name with a middle dot', '买买提·艾力|65010119900307123X|13900000002'],
    ['a two-character name padded with an ideographic space', '张　三|110101199003071233'],
    ['a Han name alone', '王小明'],
    ['JSON with Chinese punctuation in an address', '{"name":"张三","address":"北京市东城区景山前街4号，5号楼（东门）"}'],
    ['JSON with a full-width colon between digits', '{"name":"李四","slot":"8：00-9：00"}'],
    ['JSON with a full-width digit in Chinese text', '{"address":"３号楼","id":"110101199003071233"}'],
    ['Chinese labels with Chinese punctuation', '姓名：张三；电话：13800000000'],
    ['a title in Chinese quotes', '《核酸检测》|2026-11-23'],
    ['a URL with an escaped name', 'https://m.example.cn/c?name=%E5%BC%A0&id=110101199003071233'],
    ['an Irish name', "O'Brien|E12345678|13800000000"],
    ['a place name', "Xi'an|610101199003071234"],
    ['English with apostrophes', "can't scan? it's rock'n'roll"],
    ['a few letters and digits with a Han character', '3号楼'],
  ])('lets %s pass', (_, text) => {
    expect(detectInputGarbling(text)).toBeNull();
  });
});
