import { afterAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { ensureFirstAdmin, spendSignInLink } from "@/lib/service/access";
import { freshDatabase } from "../../support/db";

const store = await freshDatabase();
afterAll(() => store.dispose());

describe("the first start", () => {
  test("without admin variables makes an admin with a one-time sign-in link, once", async () => {
    const db = await openDatabase(store.file);
    try {
      const first = await ensureFirstAdmin(db, {}, true);
      expect(first).toMatchObject({ kind: "created-with-link", email: "admin@altimeter.localhost" });
      const token = first?.kind === "created-with-link" ? first.token : "";
      expect((await spendSignInLink(db, token))?.email).toBe("admin@altimeter.localhost");
      expect(await spendSignInLink(db, token)).toBeNull();
      expect(await ensureFirstAdmin(db, {}, true)).toEqual({ kind: "existing" });
    } finally {
      await closeDatabase(db);
    }
  });
});
