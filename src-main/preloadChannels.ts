// Each window's allow-list: the channels that window's role may call, and no other. scripts/roleChannels.mjs runs
// this when the preload is built and writes the lists into it (a sandboxed preload can load nothing at run time).
import { channelsOf } from './core/contract';
import { WINDOW_ROLES } from './core/contract/names';

export function roleChannelLists(): Record<string, string[]> {
  return Object.fromEntries(WINDOW_ROLES.map((role) => [role, channelsOf(role)]));
}
