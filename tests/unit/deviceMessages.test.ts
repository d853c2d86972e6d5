// Every problem a device can report has words in both languages of the clerk window.
import { describe, expect, it } from 'vitest';
import { READ_LOOP_PROBLEMS } from '../../src-main/core/devices/cardReader/readLoop';
import { SAM_STATUSES, samStatus } from '../../src-main/core/devices/cardReader/samStatus';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';

const reasons = [
  ...SAM_STATUSES.filter((status) => status.scope !== 'none').map((status) => status.reason),
  samStatus(0x55).reason,
  ...Object.keys(READ_LOOP_PROBLEMS),
  'open-failed',
];

describe('device problems', () => {
  it.each([['en', en], ['zh', zh]] as const)('are all explained in %s', (_lang, catalogue) => {
    const problems = catalogue.devices.problem as Record<string, string>;
    for (const reason of reasons) expect(problems[reason], reason).toMatch(/\S{2}/u);
  });
});
