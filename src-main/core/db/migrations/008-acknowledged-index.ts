import type { Migration } from './migration';

// Retention looks for people whose facts the platform acknowledged before a cutoff: this index lets it walk only the
// acknowledged registrations, oldest acknowledgement first, instead of every registration older than the cutoff.
export const migration008: Migration = {
  version: 8,
  name: 'retention: acknowledged facts by kind and time',
  up(db) {
    db.exec('CREATE INDEX outbox_acknowledged ON outbox (kind, sent_at, seq) WHERE sent_at IS NOT NULL;');
  },
};
