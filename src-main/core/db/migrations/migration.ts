// What a numbered migration is; each migration file and the list that runs them import it from here.
import type { Db } from '../db';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
