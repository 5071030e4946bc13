/**
 * Sign-in attempts per client address in a sliding window, in this
 * process's memory (the app is one process; a restart forgets, which gives
 * an attacker one more window, no more). Counted in better-auth's `before`
 * hook, so it holds for the HTTP endpoint and for the sign-in page's server
 * action alike (better-auth's own limiter only sees HTTP requests).
 */
export class AttemptWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records an attempt of `key`; false when it is over the limit (the attempt is refused and not counted). */
  hit(key: string, now: number): boolean {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(since);
    return true;
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(key);
  }
}

/**
 * The client address of a request as the nearest hop saw it: the last entry
 * of X-Forwarded-For (a reverse proxy appends the address it was reached
 * from; Next.js sets the socket's address when the header is absent).
 */
export function clientAddress(headers: Headers | null | undefined): string {
  const forwarded = headers?.get("x-forwarded-for") ?? "";
  const last = forwarded.split(",").at(-1)?.trim() ?? "";
  return (last || "unknown").toLowerCase().replace(/^::ffff:/, "");
}
