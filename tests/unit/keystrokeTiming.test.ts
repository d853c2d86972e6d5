// Telling a keyboard-mode scanner from a person by the gaps between characters.
import { describe, expect, it } from 'vitest';
import { keyTimer, SCANNER_MEDIAN_GAP_MS, whoTyped } from '../../src-renderer/shared/keystrokeTiming';

const evenly = (count: number, gapMs: number, start = 1000) => Array.from({ length: count }, (_, i) => start + i * gapMs);

describe('who typed a text', () => {
  it('takes a burst of a few ms per character for a scanner', () => {
    expect(whoTyped(evenly(13, 4), 13)).toBe('scanner');
    expect(whoTyped(evenly(40, SCANNER_MEDIAN_GAP_MS), 40)).toBe('scanner');
  });

  it('takes a person’s pace for a person, fast typists included', () => {
    expect(whoTyped(evenly(13, 150), 13)).toBe('person');
    expect(whoTyped(evenly(4, SCANNER_MEDIAN_GAP_MS + 10), 4)).toBe('person');
  });

  it('is not fooled by a scanner that stalls once, or a person who hits two keys at once', () => {
    const stalled = [...evenly(10, 3), 1500, ...evenly(10, 3, 1503)];
    expect(whoTyped(stalled, 21)).toBe('scanner');
    const rolled = [0, 150, 152, 300, 450, 451, 600];
    expect(whoTyped(rolled, 7)).toBe('person');
  });

  it('takes text that arrived in fewer events than characters (pasted, composed) and a single key for a person', () => {
    expect(whoTyped(evenly(3, 2), 13)).toBe('person');
    expect(whoTyped([1000], 1)).toBe('person');
    expect(whoTyped([], 0)).toBe('person');
  });
});

describe('the key timer of a field', () => {
  const typeInto = (timer: ReturnType<typeof keyTimer>, text: string, gapMs: number, start = 0) => {
    let value = '';
    [...text].forEach((character, i) => {
      value += character;
      timer.input({ inputType: 'insertText', timeStamp: start + i * gapMs }, value);
    });
    return value;
  };

  it('times each text from its first character, whatever was typed before', () => {
    const timer = keyTimer();
    expect(timer.finish(typeInto(timer, '2026112300001', 3))).toBe('scanner');
    expect(timer.finish(typeInto(timer, '2026112300001', 140, 10_000))).toBe('person');
    // A field emptied and typed again starts over.
    typeInto(timer, 'abc', 200);
    timer.input({ inputType: 'deleteContentBackward', timeStamp: 900 }, '');
    expect(timer.finish(typeInto(timer, '2026112300001', 3, 5000))).toBe('scanner');
  });

  it('does not count a paste as typed characters', () => {
    const timer = keyTimer();
    timer.input({ inputType: 'insertFromPaste', timeStamp: 0 }, '2026112300001');
    expect(timer.finish('2026112300001')).toBe('person');
  });
});
