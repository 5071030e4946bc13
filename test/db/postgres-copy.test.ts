import { afterAll, describe, expect, test } from "vitest";
import { postgresBulk } from "@/db/postgres-bulk";
import { freshDatabase, TEST_ENGINE } from "../support/db";

// The PostgreSQL bulk writer's COPY (db/postgres.ts): what it stores, and that a
// COPY the server refuses fails with the server's reason instead of waiting.
describe.runIf(TEST_ENGINE === "postgres")("COPY inside a PostgreSQL bulk transaction", async () => {
  const store = await freshDatabase();
  afterAll(() => store.dispose());
  const bulk = postgresBulk(store.db)!;

  test("stores every value as given: nulls, separators, backslashes, numbers", async () => {
    const rows = [
      [1, "plain", null],
      [2, "tab\there\nline\r\nback\\slash", "\\N"],
      [3, "", "ünïcødé"],
    ];
    const read = await bulk(async (tx) => {
      await tx.exec("CREATE TEMPORARY TABLE copied (n bigint, a text, b text) ON COMMIT DROP");
      await tx.copyIn("copied", ["n", "a", "b"], rows);
      return tx.tuples("SELECT n, a, b FROM copied ORDER BY n");
    });
    expect(read).toEqual(rows);
  });

  test("a refused row fails the transaction with the server's reason, small or large, and the store goes on", async () => {
    const small = [["x"]];
    const large = Array.from({ length: 100_000 }, (_, i) => [i === 99_990 ? "late" : String(i)]);
    for (const rows of [small, large]) {
      await expect(
        bulk(async (tx) => {
          await tx.exec("CREATE TEMPORARY TABLE refused (n bigint) ON COMMIT DROP");
          await tx.copyIn("refused", ["n"], rows);
        }),
      ).rejects.toThrow(/invalid input syntax for type bigint/);
    }
    expect(await store.db.value("SELECT 1 + 1")).toBe(2);
  });
});
