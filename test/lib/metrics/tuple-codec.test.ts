import { describe, expect, test } from "vitest";
import { decodeTuples, encodeTuples } from "@/lib/queries/tuple-codec";

const same = (t: unknown[]) => [...t];

describe("the compact form of query results (lib/queries/tuple-codec.ts)", () => {
  test("gives back every cell as it was: nulls, integers past 2^32, fractions, negatives, and any text", () => {
    const strings = [
      "",
      "a",
      "é",
      "日本語",
      "🚀 rocket",
      "nul\u0000inside",
      "repeated",
      "repeated",
      "x".repeat(10_000),
    ];
    const people = strings.map((s, i) => [s, i % 2 === 0 ? null : s, i * 1_700_000_000_123, -i - 0.5]);
    const mins = [[2 ** 53 - 1, null]];
    const empty: unknown[][] = [];
    const bytes = encodeTuples([people, mins, empty]);
    const [a, b, c] = decodeTuples<unknown[]>(bytes, [same, same, same]);
    expect(a).toEqual(people);
    expect(b).toEqual(mins);
    expect(c).toEqual([]);
  });

  test("stores each distinct text once, so repeated ids cost their index, not their text", () => {
    const repeated = Array.from({ length: 10_000 }, (_, i) => [`repository-${i % 10}`, i]);
    const distinct = Array.from({ length: 10_000 }, (_, i) => [`repository-${i}`, i]);
    expect(encodeTuples([repeated]).byteLength).toBeLessThan(encodeTuples([distinct]).byteLength - 100_000);
  });

  test("reads bytes that do not start on an 8-byte boundary (a driver's Buffer from a shared pool)", () => {
    const bytes = encodeTuples([[["a", 1.25, null]]]);
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    expect(decodeTuples<unknown[]>(shifted.subarray(3), [same])).toEqual([[["a", 1.25, null]]]);
    // A Buffer's slice() is a view, not a copy: still read right.
    const buffer = Buffer.alloc(bytes.byteLength + 3);
    buffer.set(bytes, 3);
    expect(decodeTuples<unknown[]>(buffer.subarray(3), [same])).toEqual([[["a", 1.25, null]]]);
  });

  test("refuses what it did not write, a cell it cannot hold, and a reader expecting other tables", () => {
    expect(() => decodeTuples(new TextEncoder().encode("not a snapshot at all"), [same])).toThrow(
      "not an encoded tuple set",
    );
    expect(() => encodeTuples([[[{ an: "object" }]]])).toThrow(
      "cannot encode a object cell (table 0, row 0, column 0)",
    );
    expect(() => decodeTuples(encodeTuples([[[1]], [[2]]]), [same])).toThrow("the encoded set holds 2 tables, not 1");
  });
});
