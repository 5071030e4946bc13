/**
 * The monorepo part of a GitHub snapshot: the default branch's folders other
 * than the conventional ones, walked by name so `apps/web/fly.toml` or
 * `backend/Dockerfile` is seen as the git collector sees it (files.ts,
 * `inSnapshot`). Bounded: one request lists the names three levels under up
 * to WALK_SLOTS top-level folders, one more the text of up to TEXT_SLOTS of
 * the files found; so a snapshot costs at most two requests more, and only
 * when the default branch moved.
 */
import { z } from "zod";
import type { GithubClient } from "./client";
import { CONVENTIONAL_FOLDERS, inSnapshot, keepsContent, MAX_CONTENT_BYTES } from "./files";

/** Top-level folders walked per snapshot (the rest, alphabetically last, are not). */
export const WALK_SLOTS = 40;
/** Files found by the walk whose text is fetched per snapshot. */
export const TEXT_SLOTS = 100;

const RATE_LIMIT = "rateLimit { cost remaining resetAt }";
const slots = (n: number, each: (i: number) => string) => Array.from({ length: n }, (_, i) => each(i)).join("\n");

const NAMES = `fragment AltimeterNames on TreeEntry {
  path
  type
  object { ... on Tree { entries {
    path
    type
    object { ... on Tree { entries {
      path
      type
      object { ... on Tree { entries { path type } } }
    } } }
  } } }
}`;

/** Names three levels under each of up to WALK_SLOTS folders of a commit. */
export const TREE_QUERY = `query AltimeterTree($owner: String!, $name: String!, $oid: GitObjectID!, ${slots(
  WALK_SLOTS,
  (i) => `$p${i}: String!, $w${i}: Boolean!`,
).replaceAll("\n", ", ")}) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
${slots(WALK_SLOTS, (i) => `        w${i}: file(path: $p${i}) @include(if: $w${i}) { ...AltimeterNames }`)}
      }
    }
  }
  ${RATE_LIMIT}
}
${NAMES}`;

/** The text of up to TEXT_SLOTS files of a commit. */
export const BLOBS_QUERY = `query AltimeterBlobs($owner: String!, $name: String!, $oid: GitObjectID!, ${slots(
  TEXT_SLOTS,
  (i) => `$p${i}: String!, $w${i}: Boolean!`,
).replaceAll("\n", ", ")}) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) {
      ... on Commit {
${slots(TEXT_SLOTS, (i) => `        f${i}: file(path: $p${i}) @include(if: $w${i}) { path object { ... on Blob { isBinary text } } }`)}
      }
    }
  }
  ${RATE_LIMIT}
}`;

interface NameEntry {
  path?: string | null;
  type: string;
  object?: { entries?: NameEntry[] | null } | null;
}
const NameEntrySchema: z.ZodType<NameEntry> = z.lazy(() =>
  z.object({
    path: z.string().nullish(),
    type: z.string(),
    object: z.object({ entries: z.array(NameEntrySchema).nullish() }).nullish(),
  }),
);
const TreeAnswer = z.object({
  repository: z.object({ object: z.record(z.string(), NameEntrySchema.nullish()).nullish() }).nullish(),
});
const BlobAnswer = z.object({
  repository: z
    .object({
      object: z
        .record(
          z.string(),
          z
            .object({
              path: z.string().nullish(),
              object: z.object({ isBinary: z.boolean().nullish(), text: z.string().nullish() }).nullish(),
            })
            .nullish(),
        )
        .nullish(),
    })
    .nullish(),
});

/** Folders a monorepo walk never enters: vendored or generated code, and the folders the snapshot query reads itself. */
const SKIPPED = new Set<string>([
  ...CONVENTIONAL_FOLDERS,
  "node_modules",
  "vendor",
  "third_party",
  "dist",
  "build",
  ".git",
]);

function slotVariables(paths: readonly string[], n: number): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    vars[`p${i}`] = paths[i] ?? "";
    vars[`w${i}`] = i < paths.length;
  }
  return vars;
}

function blobs(entry: NameEntry | null | undefined, out: string[]): void {
  if (!entry?.path) return;
  if (entry.type === "blob") out.push(entry.path);
  else if (entry.type === "tree") for (const child of entry.object?.entries ?? []) blobs(child, out);
}

/**
 * The snapshot files under the top-level folders `roots` (the root's tree
 * entries) of commit `oid`, chosen by `inSnapshot`, with the text of those
 * that keep it. Skips conventional, vendored and generated folders.
 */
export async function monorepoFiles(
  client: GithubClient,
  owner: string,
  name: string,
  oid: string,
  roots: readonly { path?: string | null; type: string }[],
): Promise<{ path: string; content?: string }[]> {
  const folders = roots
    .filter((e) => e.type === "tree" && e.path && !SKIPPED.has(e.path))
    .map((e) => e.path!)
    .sort()
    .slice(0, WALK_SLOTS);
  if (folders.length === 0) return [];
  const tree = await client.query(TREE_QUERY, { owner, name, oid, ...slotVariables(folders, WALK_SLOTS) }, TreeAnswer);
  const found: string[] = [];
  for (const entry of Object.values(tree.repository?.object ?? {})) blobs(entry, found);
  const selected = found.filter((p) => inSnapshot(p)).sort();
  const withText = selected.filter((p) => keepsContent(p)).slice(0, TEXT_SLOTS);
  const texts = new Map<string, string>();
  if (withText.length > 0) {
    const answer = await client.query(
      BLOBS_QUERY,
      { owner, name, oid, ...slotVariables(withText, TEXT_SLOTS) },
      BlobAnswer,
    );
    for (const f of Object.values(answer.repository?.object ?? {})) {
      const text = f?.object?.text;
      if (
        f?.path &&
        typeof text === "string" &&
        f.object?.isBinary !== true &&
        Buffer.byteLength(text, "utf8") <= MAX_CONTENT_BYTES
      )
        texts.set(f.path, text);
    }
  }
  return selected.map((path) => (texts.has(path) ? { path, content: texts.get(path)! } : { path }));
}
