// Modules the build writes. The preload's (see scripts/roleChannels.mjs): each window role's channels.
declare module 'virtual:swabdesk-role-channels' {
  const channelsByRole: Readonly<Record<string, readonly string[]>>;
  export default channelsByRole;
}
