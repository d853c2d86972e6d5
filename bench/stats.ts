// Small helpers every benchmark shares: percentiles and a fixed-width report line.
export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

export function summary(samplesMs: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

export function line(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
