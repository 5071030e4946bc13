import { z } from "zod";
import { CONVENTIONAL_FOLDERS, inSnapshot, keepsContent, MAX_CONTENT_BYTES } from "../github/files";
import type { GitlabClient, RestPage } from "./client";
import type { GitlabProject } from "./map";
import { BLOBS_QUERY, BlobsPayloadSchema } from "./queries";

const TreeEntrySchema = z.object({ path: z.string(), type: z.string() });
type TreeEntry = z.infer<typeof TreeEntrySchema>;

/** Blobs asked for per GraphQL request. */
const BLOBS_PER_REQUEST = 100;

async function tree(
  client: GitlabClient,
  project: GitlabProject,
  ref: string,
  path: string | null,
): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for (let page: string | null = "1"; page !== null; ) {
    const answer: RestPage<TreeEntry> = await client.list(
      `projects/${project.id}/repository/tree`,
      { ref, path, recursive: path === null ? "false" : "true", per_page: "100", page },
      TreeEntrySchema,
    );
    entries.push(...answer.items);
    page = answer.items.length === 0 ? null : answer.nextPage;
  }
  return entries;
}

/**
 * The `files` of a default branch's `repository_files` snapshot, by the
 * GitHub collector's rules (github/files.ts): every file at the root and in
 * the conventional folders (three levels below them), with the text of
 * workflows, manifests and configs up to 64 KB. The root is listed (REST
 * tree), then each conventional folder present (recursive tree), and the kept
 * files' text comes in one GraphQL `blobs` request per 100 files.
 */
export async function snapshotFiles(
  client: GitlabClient,
  project: GitlabProject,
  ref: string,
): Promise<{ path: string; content?: string }[]> {
  const root = await tree(client, project, ref, null);
  const paths = root.filter((e) => e.type === "blob").map((e) => e.path);
  const folders = root.filter((e) => e.type === "tree" && (CONVENTIONAL_FOLDERS as readonly string[]).includes(e.path));
  for (const folder of folders)
    for (const e of await tree(client, project, ref, folder.path))
      if (e.type === "blob" && inSnapshot(e.path)) paths.push(e.path);
  const texts = new Map<string, string>();
  const wanted = paths.filter(keepsContent);
  for (let i = 0; i < wanted.length; i += BLOBS_PER_REQUEST) {
    const data = await client.graphql(
      BLOBS_QUERY,
      { fullPath: project.path_with_namespace, ref, paths: wanted.slice(i, i + BLOBS_PER_REQUEST) },
      BlobsPayloadSchema,
    );
    for (const blob of data.project?.repository?.blobs?.nodes ?? []) {
      const text = blob?.rawTextBlob;
      if (blob && typeof text === "string" && Buffer.byteLength(text, "utf8") <= MAX_CONTENT_BYTES)
        texts.set(blob.path, text);
    }
  }
  return [...new Set(paths)].sort().map((path) => (texts.has(path) ? { path, content: texts.get(path)! } : { path }));
}
