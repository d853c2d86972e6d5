// Why a window's input was refused, in a form every window words in its own language beside the field concerned: the
// field's path and a problem from a fixed list (with the limit broken, when there is one). The developer's message
// travels beside it, for logs and tests; no window shows it.
import { z } from 'zod';

export const inputProblemSchema = z.enum([
  'required',
  'not-a-number',
  'not-whole',
  // A number below or above its limit; text shorter or longer than its limit in characters; a list with fewer or more
  // items than its limit.
  'too-small',
  'too-big',
  'too-short',
  'too-long',
  'too-few',
  'too-many',
  'not-an-option',
  'unknown-field',
  // A code format whose "kind" is none of the kinds there are.
  'unknown-kind',
  'not-a-phone',
  'not-a-pattern',
  'invisible-character',
  'not-a-site-code',
  'not-a-url',
  'not-https',
  'token-characters',
  'template-not-json',
  'template-not-object',
  'template-without-fact-id',
  'format-template-without-id-number',
  'format-template-unknown-field',
  'format-pattern-without-id-number',
  // A round that ends before it begins; an excuse of "other" without its words.
  'round-backwards',
  'reason-needed',
  // A roster's file that cannot be read, or is no longer kept; a person the roster does not hold.
  'not-a-spreadsheet',
  'empty-file',
  'file-too-large',
  'no-sheet',
  'ledger-gone',
  'columns-missing',
  'not-on-roster',
  // Anything the list above does not name: the field is still named.
  'invalid',
]);
export type InputProblem = z.output<typeof inputProblemSchema>;

export const inputIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  problem: inputProblemSchema,
  /** The bound broken: for too-small and too-big the number, for the others a count. */
  limit: z.number().optional(),
});
export type InputIssue = z.output<typeof inputIssueSchema>;

/**
 * A rule's refusal, for `.refine(test, because(…))`: the developer's words, and the problem the windows word.
 * With `ctx.addIssue`, spread it into the issue.
 */
export function because(problem: InputProblem, message: string): { message: string; params: { problem: InputProblem } } {
  return { message, params: { problem } };
}

const LIMITED = {
  too_small: { number: 'too-small', string: 'too-short', array: 'too-few' },
  too_big: { number: 'too-big', string: 'too-long', array: 'too-many' },
} as const;

function limited(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Omit<InputIssue, 'path'> {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const origin = issue.origin === 'int' || issue.origin === 'bigint' ? 'number' : issue.origin === 'set' ? 'array' : issue.origin;
  const problem = (LIMITED[issue.code] as Record<string, InputProblem>)[origin] ?? 'invalid';
  // Text that must have at least one character is simply to be filled in.
  if (issue.code === 'too_small' && origin === 'string' && limit === 1) return { problem: 'required' };
  return { problem, limit };
}

function problemOf(issue: z.core.$ZodIssue): Omit<InputIssue, 'path'> {
  switch (issue.code) {
    case 'custom': {
      const named = inputProblemSchema.safeParse((issue.params as { problem?: unknown } | undefined)?.problem);
      return { problem: named.success ? named.data : 'invalid' };
    }
    case 'invalid_type':
      // Needs the input reported (`reportInput`): missing is not the same as of the wrong type.
      if (issue.input === undefined) return { problem: 'required' };
      if (issue.expected === 'int') return { problem: 'not-whole' };
      return { problem: issue.expected === 'number' ? 'not-a-number' : 'invalid' };
    case 'too_small':
    case 'too_big':
      return limited(issue);
    case 'invalid_value':
      return { problem: 'not-an-option' };
    case 'unrecognized_keys':
      return { problem: 'unknown-field' };
    case 'invalid_union':
      return { problem: issue.discriminator ? 'unknown-kind' : 'invalid' };
    default:
      return { problem: 'invalid' };
  }
}

/** Each issue of a refused input, as the windows word it; an unknown key is named by its own path. */
export function inputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    const problem = problemOf(issue);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], ...problem }));
    return [{ path, ...problem }];
  });
}
