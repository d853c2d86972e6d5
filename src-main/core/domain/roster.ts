// The lists of the roster a window offers as choices: the fields a ledger's column may be imported as, and the
// reasons a person may be excused for. Here, with no imports, so that a window takes them without the core.

/** The columns of a ledger the station knows: each may be mapped to one column of the file. */
export const ROSTER_FIELDS = ['name', 'idNumber', 'docType', 'phone', 'grid', 'building', 'unit', 'room', 'address', 'tags'] as const;

/** Why a person of the roster has not come: away, in hospital, sampled elsewhere, refused, or other (with words). */
export const EXCUSE_REASONS = ['away', 'hospital', 'sampled-elsewhere', 'refused', 'other'] as const;

/**
 * A window sends a ledger in parts of this much of the file (roster.filePart): 61,440 characters of base64, with the
 * message's envelope (its id, channel and file id) under the 64 KiB a station's WebSocket takes in one message.
 */
export const LEDGER_PART_BYTES = 45 * 1024;
