/**
 * Real y-websocket clients for Node tests: an unmodified WebsocketProvider whose socket
 * carries the session cookie (and optionally an Origin), plus raw-frame sockets.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { COLLAB_PATH, DOCUMENT_FIELD, MessageType } from '../../shared/protocol.ts';
import { hello } from './frames.ts';
import { waitFor } from './server.ts';

export interface ClientOptions {
  cookie?: string;
  origin?: string;
  /** Send Hello and register handlers for this product's protocol extensions. */
  extended?: boolean;
}

/** A ws WebSocket class that adds our headers to the upgrade request. */
export function socketClass(opts: ClientOptions): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      const headers: Record<string, string> = {};
      if (opts.cookie) headers.cookie = opts.cookie;
      if (opts.origin) headers.origin = opts.origin;
      super(address, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Extension frames received (only with `extended`). */
  received: { rejected: string[]; states: unknown[]; events: unknown[]; saved: number[] };
  text(): string;
  synced(): Promise<void>;
  destroy(): void;
}

export function connectClient(wsUrl: string, chapterId: string, opts: ClientOptions = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}${COLLAB_PATH}`, chapterId, doc, {
    WebSocketPolyfill: socketClass(opts) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const received: TestClient['received'] = { rejected: [], states: [], events: [], saved: [] };
  if (opts.extended) {
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') provider.ws?.send(hello() as Uint8Array<ArrayBuffer>);
    });
    const h = provider.messageHandlers as unknown as Array<(e: unknown, d: decoding.Decoder) => void>;
    h[MessageType.Rejected] = (_e, d) => void received.rejected.push(decoding.readVarString(d));
    h[MessageType.ChapterState] = (_e, d) => void received.states.push(JSON.parse(decoding.readVarString(d)));
    h[MessageType.Event] = (_e, d) => void received.events.push(JSON.parse(decoding.readVarString(d)));
    h[MessageType.Saved] = (_e, d) => void received.saved.push(decoding.readVarUint(d));
  }
  return {
    doc,
    provider,
    received,
    text: () => fragmentText(doc),
    synced: () => waitFor(() => provider.synced, `sync of ${chapterId}`).then(() => undefined),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The chapter text as XML (stable across peers once they converge). */
export function fragmentText(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

/** Appends a paragraph with `text` the way TipTap stores one. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  frag.insert(frag.length, [p]);
}

/** Opens a raw WebSocket; resolves once open (or rejects with the HTTP status of a refused upgrade). */
export function rawSocket(wsUrl: string, chapterId: string, opts: ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const Cls = socketClass(opts);
    const ws = new Cls(`${wsUrl}${COLLAB_PATH}/${chapterId}`);
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode, body: Buffer.concat(chunks).toString() })));
    });
    ws.once('error', (err) => reject(err));
  });
}
