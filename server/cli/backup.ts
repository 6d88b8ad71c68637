/**
 * `npm run backup -- DIR`: writes a verified copy of the database (DATA_DIR/strategia.db) to
 * DIR/strategia-<UTC time>.db while the server keeps running (server/storage/backup.ts).
 * Prints the file's path on stdout; exit code 0 on success, 1 when the backup failed, 2 for a
 * wrong call or configuration. Restoring is described in README.md ("Data and backups").
 *
 * @example DATA_DIR=/var/lib/strategia npm run backup -- /var/backups/strategia
 */
import { loadConfigOrExplain } from '../config.ts';
import { backupDatabase } from '../storage/backup.ts';

const USAGE = 'Usage: npm run backup -- DIR   (copies DATA_DIR/strategia.db into DIR, the server may keep running)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrExplain();
  if (!config) return 2;
  try {
    const t0 = performance.now();
    const result = await backupDatabase(config.databasePath, args[0]);
    const ms = Math.round(performance.now() - t0);
    process.stderr.write(`Backup of ${config.databasePath}: ${result.bytes} bytes, schema ${result.schemaVersion}, integrity ok, ${ms} ms\n`);
    process.stdout.write(`${result.file}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`Backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main();
