import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories } from '../../test/helpers.js';
import { Store } from './store.js';

const tempDir = temporaryDirectories();

describe('the store on disk', () => {
  it('syncs every commit (synchronous FULL) on first open and on every reopen, when SQLite would fall back to NORMAL', () => {
    const file = join(tempDir('casus-store-'), 'casus.db');
    for (let open = 0; open < 2; open++) {
      const store = new Store(file);
      // 2 = FULL; a database already in WAL mode opens at 1 (NORMAL) in better-sqlite3's build.
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      store.close();
    }
  });
});
