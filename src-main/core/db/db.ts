// The type of a connection to the station's database, on its own so that the migrations can name it without
// importing the module that runs them.
import type Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;
