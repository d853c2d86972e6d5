// The contract between the core and the windows: one entry per name, the roles each channel and event is for,
// and inputs that admit nothing beyond what they declare.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, ROLES, channels, channelsOf, events } from '../../src-main/core/contract';
import { correctionChannels } from '../../src-main/core/corrections/channels';
import { exportChannels } from '../../src-main/core/export/channels';
import { maintenanceChannels } from '../../src-main/core/maintenance/channels';
import { operatorChannels } from '../../src-main/core/operators/channels';
import { paperworkChannels } from '../../src-main/core/paperwork/channels';
import { preRegistrationChannels } from '../../src-main/core/preRegistration/channels';
import { registrationChannels } from '../../src-main/core/registration/channels';
import { rosterChannels } from '../../src-main/core/roster/channels';
import { siteChannels } from '../../src-main/core/site/channels';
import { siteFeedChannels } from '../../src-main/core/siteFeed/channels';
import { transportChannels } from '../../src-main/core/transport/channels';
import { uploadChannels } from '../../src-main/core/upload/channels';

const FEATURES = {
  operators: operatorChannels,
  registration: registrationChannels,
  preRegistration: preRegistrationChannels,
  site: siteChannels,
  corrections: correctionChannels,
  transport: transportChannels,
  export: exportChannels,
  paperwork: paperworkChannels,
  upload: uploadChannels,
  siteFeed: siteFeedChannels,
  roster: rosterChannels,
  maintenance: maintenanceChannels,
};

/** Every object in a JSON schema, with the path that leads to it. */
function objectsIn(schema: unknown, at = '$'): { at: string; node: Record<string, unknown> }[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const here = node.type === 'object' ? [{ at, node }] : [];
  return [...here, ...Object.entries(node).flatMap(([key, child]) => objectsIn(child, `${at}.${key}`))];
}

describe('the contract', () => {
  it("holds every feature's channels, each declared by one feature only (merging would hide a second)", () => {
    const declared = Object.entries(FEATURES).flatMap(([feature, table]) => Object.keys(table).map((name) => `${name} (${feature})`));
    const names = declared.map((entry) => entry.split(' ')[0]);
    expect(declared.filter((_, i) => names.indexOf(names[i]) !== i)).toEqual([]);
    expect([...CHANNEL_NAMES].sort()).toEqual(names.sort());
    for (const [feature, table] of Object.entries(FEATURES)) {
      for (const [name, contract] of Object.entries(table)) expect(channels[name as keyof typeof channels], `${name} (${feature})`).toBe(contract);
    }
  });

  it("gives each window role exactly the channels whose roles name it: that role's preload allow-list", () => {
    expect(channelsOf('clerk')).toContain('clerk.scan');
    expect(channelsOf('clerk')).not.toContain('site.voidTube');
    expect(channelsOf('guide')).toEqual(['session.whoami', 'session.state', 'session.signIn', 'session.lock', 'session.signOut', 'guide.sticker']);
    expect(channelsOf('device').sort()).toEqual(['device.config', 'device.input', 'device.notUnderstood', 'device.states']);
    expect(channelsOf('manager')).not.toContain('clerk.scan');
  });

  it('gives every channel and every event at least one role, and only known roles', () => {
    for (const [name, contract] of [...Object.entries(channels), ...Object.entries(events)]) {
      expect(contract.roles.length, name).toBeGreaterThan(0);
      for (const role of contract.roles) expect(ROLES, name).toContain(role);
    }
  });

  it('gives clerk. channels to clerks only, site. and packing. channels to managers only', () => {
    const clerkOnly = CHANNEL_NAMES.filter((name) => name.startsWith('clerk.'));
    const managerOnly = CHANNEL_NAMES.filter((name) => name.startsWith('site.') || name.startsWith('packing.'));
    expect(clerkOnly.length).toBeGreaterThan(0);
    expect(managerOnly.length).toBeGreaterThan(0);
    for (const name of clerkOnly) expect(channels[name].roles, name).toEqual(['clerk']);
    for (const name of managerOnly) expect(channels[name].roles, name).toEqual(['manager']);
  });

  it('pushes desk.changed to clerks and totals.changed to managers, nobody else', () => {
    expect(events['desk.changed'].roles).toEqual(['clerk']);
    expect(events['totals.changed'].roles).toEqual(['manager']);
  });

  it('refuses unknown keys in every channel input, at every depth', () => {
    for (const [name, contract] of Object.entries(channels)) {
      const schema = z.toJSONSchema(contract.input, { io: 'input', unrepresentable: 'any' });
      const objects = objectsIn(schema);
      expect(objects.length, name).toBeGreaterThan(0);
      for (const { at, node } of objects) expect(node.additionalProperties, `${name} ${at}`).toBe(false);
    }
  });

  it('bounds every string a window can send', () => {
    for (const [name, contract] of Object.entries(channels)) {
      const strings = [] as { at: string; node: Record<string, unknown> }[];
      const walk = (node: unknown, at: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const record = node as Record<string, unknown>;
        if (record.type === 'string' && record.pattern === undefined && record.enum === undefined && record.const === undefined) {
          strings.push({ at, node: record });
        }
        for (const [key, child] of Object.entries(record)) walk(child, `${at}.${key}`);
      };
      walk(z.toJSONSchema(contract.input, { io: 'input', unrepresentable: 'any' }), '$');
      for (const { at, node } of strings) expect(node.maxLength, `${name} ${at}`).toBeTypeOf('number');
    }
  });
});
