/**
 * The small TERC list shipped with the product (server/terc/data/terc-partial.json): only the
 * units whose codes the project knows for certain. Loaded into the database at every start
 * without overwriting units imported from the official GUS file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { tercCode } from '../../shared/api.ts';
import type { TercStore, TercUnit } from '../storage/terc.ts';

export const SHIPPED_TERC_FILE = path.join(import.meta.dirname, 'data', 'terc-partial.json');

const ShippedFile = z.object({
  about: z.string(),
  source: z.string().min(1),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  units: z.array(z.strictObject({
    code: tercCode,
    kind: z.enum(['powiat', 'gmina']),
    name: z.string().min(1),
    description: z.string(),
  })).min(1),
}).refine((f) => f.units.every((u) => (u.kind === 'powiat') === (u.code.length === 4)), 'a powiat has 4 digits, a gmina 7');

/** Reads and checks the shipped file. @throws when it is malformed (a packaging error). */
export function readShippedTerc(file = SHIPPED_TERC_FILE): { source: string; units: TercUnit[] } {
  const parsed = ShippedFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return { source: parsed.source, units: parsed.units.map((u) => ({ ...u, asOf: parsed.asOf })) };
}

/** Adds the shipped units that are missing; returns how many were added. */
export function loadShippedTerc(terc: TercStore): number {
  const { source, units } = readShippedTerc();
  return terc.addIfAbsent(units, source);
}
