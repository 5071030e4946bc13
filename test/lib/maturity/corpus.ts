/**
 * The signals corpus: small fixtures derived from real public repositories
 * (test/fixtures/signals/, made by test/support/signals-corpus.ts), each with
 * the signals a platform engineer finds by reading its files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RepositoryFile } from "@/lib/events/types";
import { detectFileSignals, type SignalHit, type SignalId } from "@/lib/maturity/signals";
import type { RepositoryInput } from "@/lib/maturity/types";

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/signals");

export interface CorpusFixture {
  repository: string;
  commit: string;
  /** Signal keys a reviewer agrees are present, with why (the file that shows it). */
  expected: Record<string, string>;
  /** Files in the tree that must not show a signal, with why. */
  lookAlikes: { path: string; signal: SignalId; why: string }[];
  files: RepositoryFile[];
}

/** Signals whose tool matters to the verdict are keyed with their tool ("managed-platform:Fly.io"). */
const KEYED_BY_TOOL: readonly SignalId[] = ["managed-platform", "ci-pipeline", "infrastructure-as-code", "gitops"];

export const keyOf = (h: SignalHit): string =>
  KEYED_BY_TOOL.includes(h.signal) ? `${h.signal}:${h.detail}` : h.signal;

export function loadCorpus(): CorpusFixture[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(CORPUS_DIR, f), "utf8")) as CorpusFixture);
}

export function asRepository(f: CorpusFixture): RepositoryInput {
  return {
    id: f.repository,
    name: f.repository,
    teamId: null,
    isTemplate: false,
    templateId: null,
    productionEnvironments: [],
    snapshot: { observedAt: Date.UTC(2026, 11, 1), files: f.files },
  };
}

/** The detected keys of one fixture, each with its first evidence path. */
export function detectedKeys(f: CorpusFixture): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const h of detectFileSignals(asRepository(f))) keys.set(keyOf(h), [...(keys.get(keyOf(h)) ?? []), h.path]);
  return keys;
}

/** The look-alikes that show the signal they must not, as "repository path signal". */
export function lookAlikeHits(f: CorpusFixture): string[] {
  const hits = detectFileSignals(asRepository(f));
  return f.lookAlikes
    .filter((l) => hits.some((h) => h.path === l.path && h.signal === l.signal))
    .map((l) => `${f.repository} ${l.path} ${l.signal}`);
}

/**
 * True and false positives and false negatives across the corpus, counted
 * per repository and signal key; look-alikes that show their signal are
 * counted apart (a repository may show the signal elsewhere, truly).
 */
export function score(corpus: readonly CorpusFixture[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  const lookAlikes = corpus.flatMap(lookAlikeHits);
  for (const f of corpus) {
    const found = detectedKeys(f);
    for (const [key, at] of found) {
      if (key in f.expected) tp++;
      else {
        fp++;
        falsePositives.push(`${f.repository} ${key} (${at.slice(0, 3).join(", ")})`);
      }
    }
    for (const key of Object.keys(f.expected))
      if (!found.has(key)) {
        fn++;
        falseNegatives.push(`${f.repository} ${key}`);
      }
  }
  return {
    tp,
    fp,
    fn,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    falsePositives,
    falseNegatives,
    lookAlikes,
    lookAlikesTotal: corpus.reduce((n, f) => n + f.lookAlikes.length, 0),
  };
}
