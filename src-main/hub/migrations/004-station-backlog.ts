import type { HubMigration } from './migration';

// Each station's latest upload backlog, as it reports it with its batches (sender.backlog): the facts it still had
// waiting, when the oldest of them was recorded (on the hub's clock, so that a station's wrong clock does not age
// it), and when the station measured it (on its own clock, which orders one station's reports). All null until a
// station reports: older stations and other platforms' senders never do.
export const migration004: HubMigration = {
  version: 4,
  name: "stations' upload backlog",
  up: (client) =>
    client.query(`
      ALTER TABLE stations
        ADD COLUMN backlog_waiting     integer CHECK (backlog_waiting >= 0),
        ADD COLUMN backlog_oldest_at   timestamptz,
        ADD COLUMN backlog_measured_at timestamptz;
    `),
};
