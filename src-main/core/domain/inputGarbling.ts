// A keyboard-mode scanner that types into a window goes through the operating system's input method, and a Chinese
// input method damages the scan in recognisable ways: ASCII punctuation (everything, in full-width mode) comes out
// as full-width or Chinese punctuation; letters turn into pinyin, segmented with apostrophes while composing, or
// into Han characters when a following digit picks a candidate. Such text is caught so the clerk is told to switch
// the input method. Genuine payloads carry Chinese too (names, addresses, JSON values), so the checks look at where
// the characters stand, and stay quiet when in doubt.

export type InputGarbling = 'full-width' | 'pinyin';

/** Chinese punctuation an input method types for ASCII keys, and those keys. */
const ASCII_FOR_CJK_PUNCTUATION: Readonly<Record<string, string>> = {
  '。': '.', '、': '\\/', '“': '"', '”': '"', '‘': "'", '’': "'", '【': '[', '】': ']', '《': '<', '》': '>', '￥': '$',
  '…': '^', '—': '_',
};
/** Runs of what an input method types for ASCII: full-width forms, the ideographic space, Chinese punctuation. */
const REPLACEMENT_RUN = /[\uff01-\uff5e\u3000。、“”‘’【】《》￥…—]+/gu;

/** The ASCII characters an input method may have replaced with this one. */
function asciiReplacedBy(character: string): string {
  const code = character.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000) return ' ';
  return ASCII_FOR_CJK_PUNCTUATION[character];
}

const isAsciiOrEnd = (character: string | undefined) => character === undefined || character <= '\u007f';

/**
 * Full-width damage: a run of replacement characters standing between ASCII characters (or the ends of the text),
 * where a code has its delimiters, while no ASCII character it may stand for is left anywhere in the text (the
 * input method replaces every one). Chinese punctuation next to Chinese words, as in an address, is left alone.
 */
function hasFullWidthDamage(text: string): boolean {
  return [...text.matchAll(REPLACEMENT_RUN)].some(({ 0: run, index }) => {
    if (!isAsciiOrEnd(text[index - 1]) || !isAsciiOrEnd(text[index + run.length])) return false;
    return [...run].some((character) => ![...asciiReplacedBy(character)].some((ascii) => text.includes(ascii)));
  });
}

const INITIAL = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])';
const FINAL =
  '(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)';
const SYLLABLE = new RegExp(`^${INITIAL}?${FINAL}$`);
const BARE_INITIAL = new RegExp(`^${INITIAL}$`);
/** Lowercase letters cut by apostrophes, not part of a longer word: ni'hao, zhang'san, s'd. */
const APOSTROPHE_SEGMENTED = /(?<![A-Za-z'])[a-z]+(?:'[a-z]+)+(?![A-Za-z'])/g;

/**
 * Pinyin as an input method segments it while composing: every segment a syllable, or every segment a bare
 * initial (abbreviated input). Mixed forms are English: can't, o'neil.
 */
function hasSegmentedPinyin(text: string): boolean {
  return [...text.matchAll(APOSTROPHE_SEGMENTED)].some(([word]) => {
    const segments = word.split("'");
    return segments.every((s) => SYLLABLE.test(s)) || segments.every((s) => BARE_INITIAL.test(s));
  });
}

const LETTERS_DIGITS_AND_HAN = /^[0-9A-Za-z\p{Script=Han}]+$/u;
const HAN = /\p{Script=Han}/u;
const ASCII_LETTER_OR_DIGIT = /[0-9A-Za-z]/g;

/** Han characters inside a code of ASCII letters and digits, with no delimiter: a digit picked a candidate. */
function hasHanInCode(text: string): boolean {
  return LETTERS_DIGITS_AND_HAN.test(text) && HAN.test(text) && (text.match(ASCII_LETTER_OR_DIGIT)?.length ?? 0) >= 4;
}

export function detectInputGarbling(text: string): InputGarbling | null {
  if (hasFullWidthDamage(text)) return 'full-width';
  if (hasSegmentedPinyin(text) || hasHanInCode(text)) return 'pinyin';
  return null;
}
