import { CI_RUN_STATUSES, DEPLOYMENT_STATUSES } from "@/db/schema";
import type { EventType } from "./types";

/** What a field holds; ids are non-empty strings. */
export type FieldKind =
  | "id"
  | "string"
  | "timestamp"
  | "int"
  | "bool"
  | "files"
  | { oneOf: readonly string[] }
  /** An array of ids or strings; in CSV one cell, items separated by `;`. */
  | { listOf: "id" | "string" };

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
}

const f = (name: string, kind: FieldKind, required = false): FieldSpec => ({ name, kind, required });

/** The fields of each type, straight from the table in spec/events.md. */
export const FIELDS: Record<EventType, readonly FieldSpec[]> = {
  team: [f("id", "id", true), f("name", "string", true), f("parentId", "id")],
  repository: [
    f("id", "id", true),
    f("name", "string", true),
    f("createdAt", "timestamp", true),
    f("teamId", "id"),
    f("defaultBranch", "string"),
    f("url", "string"),
    f("isTemplate", "bool"),
    f("templateId", "id"),
  ],
  person: [f("id", "id", true), f("name", "string"), f("teamId", "id"), f("joinedAt", "timestamp"), f("isBot", "bool")],
  commit: [
    f("repositoryId", "id", true),
    f("sha", "id", true),
    f("authoredAt", "timestamp", true),
    f("authorId", "id"),
    f("committedAt", "timestamp"),
    f("parents", { listOf: "id" }),
  ],
  pull_request: [
    f("repositoryId", "id", true),
    f("number", "int", true),
    f("authorId", "id", true),
    f("createdAt", "timestamp", true),
    f("firstCommitAt", "timestamp"),
    f("mergedAt", "timestamp"),
    f("closedAt", "timestamp"),
    f("baseBranch", "string"),
    f("mergeCommitSha", "string"),
    f("url", "string"),
    f("title", "string"),
    f("labels", { listOf: "string" }),
  ],
  deployment: [
    f("id", "id", true),
    f("repositoryId", "id", true),
    f("environment", "string", true),
    f("status", { oneOf: DEPLOYMENT_STATUSES }, true),
    f("createdAt", "timestamp", true),
    f("finishedAt", "timestamp"),
    f("sha", "string"),
    f("url", "string"),
  ],
  ci_run: [
    f("id", "id", true),
    f("repositoryId", "id", true),
    f("workflow", "string", true),
    f("status", { oneOf: CI_RUN_STATUSES }, true),
    f("startedAt", "timestamp", true),
    f("finishedAt", "timestamp"),
    f("headSha", "string"),
    f("branch", "string"),
    f("event", "string"),
    f("url", "string"),
  ],
  incident: [
    f("id", "id", true),
    f("openedAt", "timestamp", true),
    f("title", "string"),
    f("severity", "string"),
    f("resolvedAt", "timestamp"),
    f("repositoryId", "id"),
    f("teamId", "id"),
    f("deploymentId", "id"),
    f("causeSha", "string"),
    f("fixDeploymentId", "id"),
    f("source", "string"),
    f("url", "string"),
  ],
  repository_files: [f("repositoryId", "id", true), f("observedAt", "timestamp", true), f("files", "files", true)],
};

/** End-before-start pairs that make a record impossible: [end, start]. */
export const ORDERED_PAIRS: Partial<Record<EventType, readonly (readonly [string, string])[]>> = {
  pull_request: [
    ["mergedAt", "createdAt"],
    ["closedAt", "createdAt"],
  ],
  deployment: [["finishedAt", "createdAt"]],
  ci_run: [["finishedAt", "startedAt"]],
  incident: [["resolvedAt", "openedAt"]],
};

/** A file's content in a `repository_files` snapshot is kept only up to this size. */
export const MAX_FILE_CONTENT_BYTES = 64 * 1024;
