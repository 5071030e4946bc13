import { z } from "zod";
import { CONVENTIONAL_FOLDERS, keepsContent, MAX_CONTENT_BYTES, ROOT_CONFIG_FILES } from "./files";
import { fileAlias, folderAlias } from "./queries";

/** A tree entry, with its blob's text or its subtree's entries when asked for. */
export interface FileEntry {
  path?: string | null;
  type: string;
  size?: number;
  object?: { isBinary?: boolean | null; text?: string | null; entries?: FileEntry[] | null } | null;
}

const FileEntrySchema: z.ZodType<FileEntry> = z.lazy(() =>
  z.object({
    path: z.string().nullish(),
    type: z.string(),
    size: z.number().optional(),
    object: z
      .object({
        isBinary: z.boolean().nullish(),
        text: z.string().nullish(),
        entries: z.array(FileEntrySchema).nullish(),
      })
      .nullish(),
  }),
);

/** The snapshot part of the repository query: the root's entries and the named files and folders. */
export const FilesSchema = z.object({
  tree: z.object({ entries: z.array(z.object({ path: z.string().nullish(), type: z.string() })).nullable() }),
  ...Object.fromEntries(ROOT_CONFIG_FILES.map((_, i) => [fileAlias(i), FileEntrySchema.nullish()])),
  ...Object.fromEntries(CONVENTIONAL_FOLDERS.map((_, i) => [folderAlias(i), FileEntrySchema.nullish()])),
});

export type FilesPayload = z.infer<typeof FilesSchema>;

function addEntry(files: Map<string, { path: string; content?: string }>, entry: FileEntry): void {
  if (!entry.path) return;
  if (entry.type === "tree") {
    for (const child of entry.object?.entries ?? []) addEntry(files, child);
    return;
  }
  if (entry.type !== "blob") return; // submodules
  const text = entry.object?.text;
  const small = typeof text === "string" && Buffer.byteLength(text, "utf8") <= MAX_CONTENT_BYTES;
  const content = small && entry.object?.isBinary !== true && keepsContent(entry.path) ? text : undefined;
  const known = files.get(entry.path);
  files.set(entry.path, content !== undefined ? { path: entry.path, content } : (known ?? { path: entry.path }));
}

/**
 * The `files` of a `repository_files` snapshot, sorted by path: every file at
 * the root and in the conventional folders, with the text of workflows,
 * manifests and configs up to 64 KB.
 */
export function snapshotFiles(payload: FilesPayload): { path: string; content?: string }[] {
  const files = new Map<string, { path: string; content?: string }>();
  for (const entry of payload.tree.entries ?? [])
    if (entry.type === "blob" && entry.path) files.set(entry.path, { path: entry.path });
  const named = payload as unknown as Record<string, FileEntry | null | undefined>;
  ROOT_CONFIG_FILES.forEach((_, i) => {
    const entry = named[fileAlias(i)];
    if (entry) addEntry(files, entry);
  });
  CONVENTIONAL_FOLDERS.forEach((_, i) => {
    const entry = named[folderAlias(i)];
    if (entry) addEntry(files, entry);
  });
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
