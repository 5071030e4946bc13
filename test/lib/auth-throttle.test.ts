import { describe, expect, test } from "vitest";
import { closeDatabase, type Db, openDatabase } from "@/db/client";
import { clientAddress } from "@/lib/auth/throttle";
import { countAttempt } from "@/lib/queries/access";
import { freshDatabase } from "../support/db";

describe("sign-in attempts per address", () => {
  test("counted in the store: a window from the first attempt, shared by every connection (every app instance)", async () => {
    const store = await freshDatabase();
    const other = await openDatabase(store.file);
    try {
      const count = (db: Db, key: string, at: number) => countAttempt(db, key, at, 60_000);
      // Two instances counting one address, alternately and at once.
      expect([await count(store.db, "a", 0), await count(other, "a", 10)]).toEqual([1, 2]);
      expect((await Promise.all([count(store.db, "a", 20), count(other, "a", 20)])).sort()).toEqual([3, 4]);
      expect(await count(store.db, "b", 30)).toBe(1);
      // The window ends a minute after its first attempt; the next attempt opens another.
      expect(await count(other, "a", 59_999)).toBe(5);
      expect(await count(store.db, "a", 60_000)).toBe(1);
      expect(await count(other, "a", 119_999)).toBe(2);
      expect(await count(other, "a", 120_000)).toBe(1);
    } finally {
      await closeDatabase(other);
      await store.dispose();
    }
  });

  test("the address is the last X-Forwarded-For hop (what the nearest proxy, or Next.js, saw)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.2" }))).toBe("127.0.0.2");
    expect(clientAddress(new Headers())).toBe("unknown");
    expect(clientAddress(null)).toBe("unknown");
  });
});
