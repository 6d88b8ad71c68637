/**
 * Validates and rewrites awareness updates from a client: each state's `user` field is
 * replaced by the server-known identity, and a client may only speak for awareness
 * client ids it owns (the first connection to use an id owns it); entries for ids owned by
 * another connection are dropped.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Limits } from '../../shared/limits.ts';
import type { PresenceIdentity } from './identity.ts';

export class AwarenessRejected extends Error {
  override name = 'AwarenessRejected';
}

export interface AwarenessOwnership {
  /** Owner of an awareness client id in this room, if any. */
  ownerOf(clientId: number): unknown;
}

/**
 * Returns the rewritten update and the client ids it covers. Throws AwarenessRejected on
 * malformed input, an oversized state or a client id owned by another connection.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  identity: PresenceIdentity,
  self: unknown,
  ownership: AwarenessOwnership,
): { update: Uint8Array; clientIds: number[] } {
  const d = decoding.createDecoder(update);
  const e = encoding.createEncoder();
  const n = decoding.readVarUint(d);
  if (n > 256) throw new AwarenessRejected('too many states');
  const entries: Array<[number, number, string]> = [];
  const clientIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    if (json.length > Limits.maxAwarenessBytes) throw new AwarenessRejected('state too large');
    // y-websocket clients echo the states of others back; those entries are dropped.
    const owner = ownership.ownerOf(clientId);
    if (owner !== undefined && owner !== self) continue;
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new AwarenessRejected('state is not JSON');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new AwarenessRejected('state is not an object');
    const out = state === null ? null : { ...(state as Record<string, unknown>), user: identity };
    entries.push([clientId, clock, JSON.stringify(out)]);
    clientIds.push(clientId);
  }
  if (decoding.hasContent(d)) throw new AwarenessRejected('trailing bytes');
  encoding.writeVarUint(e, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return { update: encoding.toUint8Array(e), clientIds };
}
