// Channel and event names, and roles, with no imports: the sandboxed preload bundles this file as its allow-list.

/** The roles a window can have: a desk's clerk, the site manager, the pre-registration guide along the queue. */
export const WINDOW_ROLES = ['clerk', 'manager', 'guide'] as const;
export type WindowRole = (typeof WINDOW_ROLES)[number];
/** Callers: the windows, and the station's device hub, which no window can be. */
export const ROLES = [...WINDOW_ROLES, 'device'] as const;
export type Role = (typeof ROLES)[number];
/** Where a card reader for the pre-registration window is assigned, in place of a desk number. */
export const GUIDE_DESK = 'guide';

export const CHANNEL_NAMES = [
  'session.whoami',
  'session.state',
  'session.signIn',
  'session.firstManager',
  'session.lock',
  'session.signOut',
  'station.health',
  'station.backlog',
  'clerk.deskState',
  'clerk.scan',
  'clerk.enterPerson',
  'clerk.sealNow',
  'clerk.undo',
  'clerk.devices',
  'clerk.confirmReading',
  'guide.sticker',
  'site.totals',
  'site.live',
  'site.settings',
  'site.updateSettings',
  'site.testCodeFormats',
  'site.voidTube',
  'site.voidRegistration',
  'site.searchPeople',
  'site.tubePeople',
  'site.registration',
  'site.correctPerson',
  'site.operators',
  'site.saveOperator',
  'site.unbaggedTubes',
  'site.devices',
  'site.handover',
  'site.waitingBags',
  'site.manifest',
  'site.manifestFile',
  'site.upload',
  'site.uploadNow',
  'site.heldFacts',
  'site.releaseHeld',
  'site.uploadSettings',
  'site.saveUploadSettings',
  'packing.scan',
  'packing.sealNow',
  'packing.openBag',
  'device.input',
  'device.notUnderstood',
  'device.states',
  'device.config',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'desk.changed',
  'desk.reading',
  'desk.devices',
  'session.changed',
  'backlog.changed',
  'guide.card',
  'totals.changed',
  'site.live',
  'site.devices',
  'upload.changed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC: windows invoke calls on one channel and receive pushed events on another. */
export const IPC_CALL = 'swabdesk:call';
export const IPC_EVENT = 'swabdesk:event';
/** The desktop app only: the window's own page printed to PDF (print styles), saved where the person chooses. */
export const IPC_SAVE_PDF = 'swabdesk:save-pdf';
