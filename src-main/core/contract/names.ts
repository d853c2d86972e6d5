// Roles and the Electron IPC names, with no imports: the sandboxed preload bundles this file.

/** The roles a window can have: a desk's clerk, the site manager, the pre-registration guide along the queue. */
export const WINDOW_ROLES = ['clerk', 'manager', 'guide'] as const;
export type WindowRole = (typeof WINDOW_ROLES)[number];
/** Callers: the windows, and the station's device hub, which no window can be. */
export const ROLES = [...WINDOW_ROLES, 'device'] as const;
export type Role = (typeof ROLES)[number];
/** Where a card reader for the pre-registration window is assigned, in place of a desk number. */
export const GUIDE_DESK = 'guide';

/**
 * The query parameter of a window's page URL that names its window of the station's table (clerk-1, manager): what
 * the page keeps for itself alone, such as its language. Both shells set it; it grants nothing (the key does).
 */
export const WINDOW_PARAM = 'window';

/** Tells a window's preload its role (Electron's additionalArguments): the preload then allows that role's channels. */
export const WINDOW_ROLE_ARGUMENT = '--swabdesk-role=';

/** Electron IPC: windows invoke calls on one channel and receive pushed events on another. */
export const IPC_CALL = 'swabdesk:call';
export const IPC_EVENT = 'swabdesk:event';
/** The desktop app only: the window's own page printed to PDF (print styles), saved where the person chooses. */
export const IPC_SAVE_PDF = 'swabdesk:save-pdf';
