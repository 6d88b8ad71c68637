/**
 * The HTTP side of our server that the benchmark needs: log in the seeded demo accounts once
 * each (argon2 makes a login cost ~50 ms, so clients of one account share its cookie), find
 * create empty chapters. Responses are validated: a changed API fails loudly.
 */
import { z } from 'zod';

/** Password of every seeded demo account (SEED_DEMO=1). */
const DEMO_PASSWORD = 'strategia-demo';
/** Writers' accounts (clients alternate between them) and the coordinator who opens chapters. */
const WRITER_ACCOUNTS = ['tuczno@walcz.example', 'koordynator@walcz.example'] as const;
const COORDINATOR = 'koordynator@walcz.example';
/** A ZMP expert in the same partnership: may only suggest (scenario g). */
export const EXPERT = 'ekspert@zmp.example';
const SESSION_COOKIE = 'ws_session';

const StrategyList = z.array(z.object({ id: z.string(), chapters: z.array(z.object({ id: z.string() })) }));
const StrategiesResponse = z.union([StrategyList, z.object({ strategies: StrategyList }).transform((r) => r.strategies)]);
const Me = z.object({ user: z.object({ id: z.string(), email: z.string() }) });
const CreatedChapter = z.union([z.object({ id: z.string() }), z.object({ chapter: z.object({ id: z.string() }) }).transform((r) => r.chapter)]);

/** Named error for an unexpected answer of our API. */
export class OursApiError extends Error {
  override name = 'OursApiError';
}

export class OursApi {
  private constructor(
    private readonly base: string,
    private readonly cookies: Map<string, string>,
    private readonly strategyId: string,
  ) {}

  /** Logs in every account and picks the first strategy all of them can see. */
  static async connect(base: string): Promise<OursApi> {
    const cookies = new Map<string, string>();
    for (const email of new Set<string>([...WRITER_ACCOUNTS, COORDINATOR])) cookies.set(email, await login(base, email));
    let shared: Set<string> | undefined;
    for (const email of WRITER_ACCOUNTS) {
      const ids = new Set((await strategies(base, cookies.get(email)!)).map((s) => s.id));
      const before: Set<string> | undefined = shared;
      shared = before ? new Set([...before].filter((id) => ids.has(id))) : ids;
    }
    const strategyId = shared ? [...shared][0] : undefined;
    if (!strategyId) throw new OursApiError(`no strategy visible to all of ${WRITER_ACCOUNTS.join(', ')}`);
    return new OursApi(base, cookies, strategyId);
  }

  /** Cookie header value for client number `index` (alternating between writer accounts). */
  cookieFor(index: number): string {
    return this.cookies.get(WRITER_ACCOUNTS[index % WRITER_ACCOUNTS.length]!)!;
  }

  /** Logs in `email` (a seeded demo account) and returns its session cookie and user id. */
  async person(email: string): Promise<{ cookie: string; userId: string }> {
    const cookie = await login(this.base, email);
    const res = await request(`${this.base}/api/auth/me`, { headers: { cookie } });
    if (!res.ok) throw new OursApiError(`GET /api/auth/me: HTTP ${res.status}`);
    const me = Me.parse(await res.json());
    if (me.user.email !== email) throw new OursApiError(`GET /api/auth/me answered for ${me.user.email}, not ${email}`);
    return { cookie, userId: me.user.id };
  }

  /**
   * Ids of `count` new, empty chapters, created as the coordinator. New rather than the seeded
   * ones so that every server starts from the same empty document.
   */
  async chapterIds(count: number): Promise<string[]> {
    const ids: string[] = [];
    while (ids.length < count) {
      const res = await request(`${this.base}/api/strategies/${encodeURIComponent(this.strategyId)}/chapters`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: this.cookies.get(COORDINATOR)! },
        body: JSON.stringify({ title: `Rozdział testowy ${ids.length + 1}` }),
      });
      if (!res.ok) throw new OursApiError(`create chapter: HTTP ${res.status} ${await res.text()}`);
      ids.push(CreatedChapter.parse(await res.json()).id);
    }
    return ids;
  }
}

/**
 * fetch with one retry on a network error: undici may reuse a keep-alive socket that the
 * server is closing at that moment (Node's 5 s keepAliveTimeout), failing before sending.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

async function login(base: string, email: string): Promise<string> {
  const res = await request(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new OursApiError(`login ${email}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new OursApiError(`login ${email}: no ${SESSION_COOKIE} cookie`);
  return cookie;
}

async function strategies(base: string, cookie: string): Promise<z.infer<typeof StrategyList>> {
  const res = await request(`${base}/api/strategies`, { headers: { cookie } });
  if (!res.ok) throw new OursApiError(`GET /api/strategies: HTTP ${res.status}`);
  return StrategiesResponse.parse(await res.json());
}
