/**
 * Random keys made once per installation and kept in the database (so they survive restarts
 * and travel with a backup): the key that signs unsubscribe links.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export function createSecretStore(db: Db) {
  const get = db.prepare<[string], { value: Buffer }>(`SELECT value FROM server_secrets WHERE name = ?`);
  const insert = db.prepare(`INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)`);
  return {
    /** The secret called `name`, made (32 random bytes) on first use. */
    get(name: string): Buffer {
      const row = get.get(name);
      if (row) return row.value;
      insert.run(name, randomBytes(32));
      return (get.get(name) as { value: Buffer }).value;
    },
  };
}
export type SecretStore = ReturnType<typeof createSecretStore>;
