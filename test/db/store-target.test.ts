import path from "node:path";
import { describe, expect, test } from "vitest";
import { absoluteStoreTarget, storeDirectory } from "@/db/client";
import { authSecret } from "@/lib/auth/settings";

const URL = "postgres://altimeter:hunter2-secret@db.internal:5432/altimeter?sslmode=require";

describe("a store's address handed to another process", () => {
  test("a file path is made absolute, a PostgreSQL URL passes unchanged", () => {
    expect(absoluteStoreTarget("data/a.db")).toBe(path.resolve("data/a.db"));
    expect(absoluteStoreTarget(URL)).toBe(URL);
    expect(storeDirectory("data/a.db")).toBe(path.resolve("data"));
    expect(storeDirectory(URL)).toBeNull();
  });

  test("on PostgreSQL the auth secret must come from the environment, and the error never shows the password", () => {
    const saved = process.env.ALTIMETER_AUTH_SECRET;
    delete process.env.ALTIMETER_AUTH_SECRET;
    try {
      expect(() => authSecret(URL)).toThrow(/ALTIMETER_AUTH_SECRET is required with a PostgreSQL store/);
      expect(() => authSecret(URL)).not.toThrow(/hunter2/);
      process.env.ALTIMETER_AUTH_SECRET = "x".repeat(40);
      expect(authSecret(URL)).toBe("x".repeat(40));
    } finally {
      if (saved === undefined) delete process.env.ALTIMETER_AUTH_SECRET;
      else process.env.ALTIMETER_AUTH_SECRET = saved;
    }
  });
});
