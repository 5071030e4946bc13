import type { Db } from "@/db/client";
import type { EventType } from "@/lib/events/types";

/** How a collector reports progress; the CLI draws bars from it on a terminal. */
export interface ProgressEvent {
  source: string;
  /** The repository, service or account being collected, when there is one. */
  scope?: string;
  /** e.g. "pull requests" */
  stream?: string;
  done: number;
  total?: number;
}

/** What a collector gets for one run. */
export interface CollectorContext {
  db: Db;
  /** The workspace slug records are stored into. */
  workspace: string;
  now: () => number;
  progress: (event: ProgressEvent) => void;
  /** Aborted when the user interrupts the sync. */
  signal?: AbortSignal;
}

/** A part of a source that failed and was skipped (one repository, one service). */
export interface CollectorFailure {
  scope: string;
  message: string;
}

/** How a run ended: `partial` when some scopes failed and the rest was stored. */
export interface CollectorResult {
  source: string;
  status: "ok" | "partial" | "failed";
  /** Records stored per type. */
  records: Partial<Record<EventType, number>>;
  failures: CollectorFailure[];
  /** What was stored but deserves a word: a guessed default branch, a tag pattern matching nothing. */
  warnings?: CollectorFailure[];
  /** Collector-owned records the source no longer yields, removed this run, per type ("3 deployment removed"). */
  removed?: Partial<Record<EventType, number>>;
  /** Upstream requests made and, for GitHub, rate-limit points spent. */
  requests?: number;
  rateLimitPoints?: number;
}

/**
 * One source of data. Every collector maps its source onto the event format
 * (spec/events.md) and stores through the same idempotent path as
 * `altimeter import` (collectors/store.ts); a cursor moves only after the rows
 * it covers are stored.
 */
export interface Collector<Config> {
  /** The `kind` of its entries in the config file, e.g. "github". */
  kind: string;
  collect: (ctx: CollectorContext, config: Config) => Promise<CollectorResult>;
}
