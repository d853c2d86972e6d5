// The hub's error codes the console page has words for; any other is said as the hub being unavailable.
const KNOWN = ['wrong-password', 'too-many-tries', 'signed-out', 'not-allowed', 'unknown-site', 'unknown-registration'] as const;

export function problemKey(error: string): string {
  return `console.problem.${(KNOWN as readonly string[]).includes(error) ? error : 'unavailable'}`;
}
