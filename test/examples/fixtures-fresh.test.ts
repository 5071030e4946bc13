import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

// The tests read copies of ../shared/examples so that a bare clone passes on its own. Where the shared
// folder sits beside the checkout (a developer's machine, CI), the copies must equal it byte for byte.
const COPIES = fileURLToPath(new URL("../fixtures/examples/", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../shared/examples/", import.meta.url));

describe("the copied shared examples", () => {
  test.runIf(existsSync(SHARED))("equal ../shared/examples file for file", () => {
    const shared = readdirSync(SHARED).sort();
    expect(readdirSync(COPIES).sort()).toEqual(shared);
    for (const name of shared) {
      expect(readFileSync(`${COPIES}${name}`).equals(readFileSync(`${SHARED}${name}`)), name).toBe(true);
    }
  });

  test("are present in the repository", () => {
    expect(readdirSync(COPIES)).toEqual(expect.arrayContaining(["small-org.ndjson", "small-org.expected.json"]));
  });
});
