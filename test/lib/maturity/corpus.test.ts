import { describe, expect, test } from "vitest";
import { inSnapshot, keepsContent } from "@/collectors/github/files";
import { detectFileSignals } from "@/lib/maturity/signals";
import { mayShowSignal } from "@/lib/maturity/signals/relevance";
import { asRepository, type CorpusFixture, detectedKeys, keyOf, loadCorpus, lookAlikeHits, score } from "./corpus";

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

  test("every file that shows a signal is one signals/relevance.ts says a rule can read", () => {
    const unlisted = corpus.flatMap((f) =>
      detectFileSignals(asRepository(f))
        .filter((h) => mayShowSignal(h.path) === false)
        .map((h) => `${f.repository} ${h.path} ${h.signal}`),
    );
    expect(unlisted).toEqual([]);
  });

  /** The fixture as `altimeter collect git` snapshots it: the files it lists, text only where it keeps it. */
  const asCollected = (f: CorpusFixture): CorpusFixture => ({
    ...f,
    files: f.files.filter((x) => inSnapshot(x.path)).map((x) => (keepsContent(x.path) ? x : { path: x.path })),
  });

  for (const f of corpus)
    test(`${f.repository}: the git collector's snapshot keeps every expected signal`, () => {
      const keys = new Set(detectFileSignals(asRepository(asCollected(f))).map(keyOf));
      expect(Object.keys(f.expected).filter((k) => !keys.has(k))).toEqual([]);
    });

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
