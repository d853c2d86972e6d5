// A number as a person types it into a field: digits (full-width ones too), a decimal point, a sign.
import type { Words } from './problems';

/** The number typed, or what is wrong with it: left empty, or not a number at all ("四度", "4°"). */
export function typedNumber(text: string): { value: number } | { problem: Words } {
  const plain = text.normalize('NFKC').trim();
  if (plain === '') return { problem: { key: 'validation.problem.required' } };
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(plain)) return { problem: { key: 'validation.problem.not-a-number' } };
  return { value: Number(plain) };
}
