// A keyboard-mode scanner types a whole code in a burst, a few milliseconds per character; a person types a
// character every 100 ms or more. The scan field and the PIN field tell the two apart by the gaps between keys.

/** The median gap between keys at or below which the text came from a scanner. */
export const SCANNER_MEDIAN_GAP_MS = 40;

export type Typist = 'scanner' | 'person';

/**
 * Who typed a text, from the times its characters arrived (one input event each). Text that arrived in fewer
 * events than characters (pasted, or composed by an input method) is taken as typed by a person.
 */
export function whoTyped(keyTimes: readonly number[], characters: number): Typist {
  if (keyTimes.length < 2 || keyTimes.length < characters) return 'person';
  const gaps = keyTimes.slice(1).map((time, i) => time - keyTimes[i]).sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
  return median <= SCANNER_MEDIAN_GAP_MS ? 'scanner' : 'person';
}

/**
 * Collects when each character of one field's text arrived, from its first character to Enter. Input events
 * rather than keys: a character that is not on the keyboard (a scanner's Alt+keypad code, a test's insertText)
 * arrives as one input event too.
 */
export function keyTimer() {
  let times: number[] = [];
  return {
    /** Call on every input event of the field, with the field's value after it. */
    input(event: { inputType: string; timeStamp: number }, valueAfter: string): void {
      if ([...valueAfter].length <= 1) times = [];
      if (event.inputType === 'insertText') times.push(event.timeStamp);
    },
    /** Who typed the field's text, and starts over. */
    finish(text: string): Typist {
      const typist = whoTyped(times, [...text].length);
      times = [];
      return typist;
    },
  };
}
