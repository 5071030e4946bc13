import { describe, expect, test } from "vitest";
import { detectedKeys, loadCorpus, lookAlikeHits, score } from "./corpus";

const corpus = loadCorpus();

describe("signals on real repositories (test/fixtures/signals)", () => {
  test("the corpus holds at least 10 real repositories, each with a hand-checked expectation", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    for (const f of corpus) {
      expect(f.repository, f.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(f.commit, f.repository).toMatch(/^[0-9a-f]{40}$/);
      expect(Object.keys(f.expected).length, f.repository).toBeGreaterThan(0);
    }
  });

  for (const f of corpus) {
    test(`${f.repository}: exactly the signals a reviewer finds`, () => {
      expect([...detectedKeys(f).keys()].sort()).toEqual(Object.keys(f.expected).sort());
    });
    if (f.lookAlikes.length > 0)
      test(`${f.repository}: look-alikes show nothing (${f.lookAlikes.map((l) => l.path).join(", ")})`, () => {
        expect(lookAlikeHits(f)).toEqual([]);
      });
  }

  test("precision and recall over the whole corpus are 1", () => {
    const s = score(corpus);
    expect({ fp: s.falsePositives, fn: s.falseNegatives, lookAlikes: s.lookAlikes }).toEqual({
      fp: [],
      fn: [],
      lookAlikes: [],
    });
    expect(s.tp).toBe(corpus.reduce((n, f) => n + Object.keys(f.expected).length, 0));
  });
});
