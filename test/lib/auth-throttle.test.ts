import { describe, expect, test } from "vitest";
import { AttemptWindow, clientAddress } from "@/lib/auth/throttle";

describe("sign-in attempts per address", () => {
  test("max attempts in any window; refused attempts are not counted; the window slides", () => {
    const w = new AttemptWindow(3, 60_000);
    expect([0, 10, 20].map((t) => w.hit("a", t))).toEqual([true, true, true]);
    expect(w.hit("a", 30)).toBe(false);
    expect(w.hit("b", 30)).toBe(true);
    expect(w.hit("a", 60_000)).toBe(true); // the attempt at 0 left the window
    expect(w.hit("a", 60_005)).toBe(false);
    expect(w.hit("a", 60_020)).toBe(true);
  });

  test("the address is the last X-Forwarded-For hop (what the nearest proxy, or Next.js, saw)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.2" }))).toBe("127.0.0.2");
    expect(clientAddress(new Headers())).toBe("unknown");
    expect(clientAddress(null)).toBe("unknown");
  });
});
