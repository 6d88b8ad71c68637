/**
 * Hocuspocus 4 as the benchmark's peer: in memory, or with `@hocuspocus/extension-sqlite` when
 * env HOCUSPOCUS_SQLITE names a database file. Default settings otherwise (the SQLite extension
 * stores debounced: 2 s after the last change, at most 10 s), as a team adopting it would run it.
 *
 * Run: `node --import tsx bench/hocuspocus-server.ts` with env PORT (default 0). Prints
 * `Listening on http://<host>:<port>` once ready; stops on SIGTERM/SIGINT after storing.
 */
import type { AddressInfo } from 'node:net';
import { Server, type Extension } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const sqlitePath = process.env.HOCUSPOCUS_SQLITE;
const extensions: Extension[] = sqlitePath ? [new SQLite({ database: sqlitePath })] : [];

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions,
});
await server.listen();
const { address, port } = server.httpServer.address() as AddressInfo;
console.log(`Listening on http://${address}:${port}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // destroy() stores loaded documents first; the timer bounds a stuck store.
    setTimeout(() => process.exit(0), 5_000).unref();
    void server.destroy().finally(() => process.exit(0));
  });
}
