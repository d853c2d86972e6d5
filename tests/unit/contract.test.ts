import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, channels, events } from '../../src-main/core/contract';

describe('the contract', () => {
  it('defines exactly the channels and events the preload allows', () => {
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('gives clerk channels to clerks, site and packing channels to managers only', () => {
    for (const [name, contract] of Object.entries(channels)) {
      expect(contract.roles.length, name).toBeGreaterThan(0);
      if (name.startsWith('clerk.')) expect(contract.roles, name).toEqual(['clerk']);
      if (name.startsWith('site.') || name.startsWith('packing.')) expect(contract.roles, name).toEqual(['manager']);
    }
  });
});
