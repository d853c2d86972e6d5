// The floor under any request to the hub: bare HTTP round trips to GET /v1/health, one after another.
import { performance } from 'node:perf_hooks';
import { summary } from './stats';

export async function hubRoundTrips(url: string): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const started = performance.now();
    await (await fetch(`${url}/v1/health`)).text();
    samples.push(performance.now() - started);
  }
  return summary(samples);
}
