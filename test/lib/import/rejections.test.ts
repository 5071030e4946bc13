import { afterAll, describe, expect, test } from "vitest";
import { freshDatabase, importText } from "../../support/db";

const store = await freshDatabase();
afterAll(() => store.dispose());

/** Every rejection of spec/events.md "Rules on import", with the message documented in lib/events/FORMAT.md. */
const CASES: [name: string, line: string, reason: string][] = [
  ["a line that is not valid JSON", `{"type":"team","id":"a",`, "not valid JSON ("],
  ["a JSON value that is not an object", `["team"]`, "a record must be a JSON object, got an array"],
  ["a record without a type", `{"id":"a","name":"A"}`, `missing required field "type"`],
  [
    "an unknown type",
    `{"type":"review","id":"r1"}`,
    `unknown type "review" (expected one of team, repository, person, commit, pull_request, deployment, ci_run, incident, repository_files)`,
  ],
  ["a missing required field", `{"type":"team","id":"a"}`, `missing required field "name"`],
  ["an empty id", `{"type":"team","id":"","name":"A"}`, `"id" must be a non-empty id`],
  [
    "a timestamp without a zone",
    `{"type":"incident","id":"i","openedAt":"2026-01-05T10:00:00"}`,
    `"openedAt" "2026-01-05T10:00:00": timestamp without a zone (add Z or ±HH:MM)`,
  ],
  [
    "a timestamp that is not RFC 3339",
    `{"type":"incident","id":"i","openedAt":"05/01/2026"}`,
    `"openedAt" "05/01/2026": not an RFC 3339 timestamp`,
  ],
  [
    "a date that does not exist",
    `{"type":"incident","id":"i","openedAt":"2026-02-30T10:00:00Z"}`,
    `"openedAt" "2026-02-30T10:00:00Z": not a calendar date`,
  ],
  [
    "a deployment finished before it was created",
    `{"type":"deployment","id":"d","repositoryId":"r","environment":"production","status":"success","createdAt":"2026-01-05T10:00:00Z","finishedAt":"2026-01-05T09:00:00Z"}`,
    `"finishedAt" (2026-01-05T09:00:00Z) is before "createdAt" (2026-01-05T10:00:00Z)`,
  ],
  [
    "a CI run finished before it started",
    `{"type":"ci_run","id":"c","repositoryId":"r","workflow":"ci","status":"success","startedAt":"2026-01-05T10:00:00Z","finishedAt":"2026-01-05T11:00:00+02:00"}`,
    `"finishedAt" (2026-01-05T11:00:00+02:00) is before "startedAt" (2026-01-05T10:00:00Z)`,
  ],
  [
    "a pull request merged before it was created",
    `{"type":"pull_request","repositoryId":"r","number":1,"authorId":"a","createdAt":"2026-01-05T10:00:00Z","mergedAt":"2026-01-04T10:00:00Z"}`,
    `"mergedAt" (2026-01-04T10:00:00Z) is before "createdAt" (2026-01-05T10:00:00Z)`,
  ],
  [
    "a pull request closed before it was created",
    `{"type":"pull_request","repositoryId":"r","number":1,"authorId":"a","createdAt":"2026-01-05T10:00:00Z","closedAt":"2026-01-04T10:00:00Z"}`,
    `"closedAt" (2026-01-04T10:00:00Z) is before "createdAt" (2026-01-05T10:00:00Z)`,
  ],
  [
    "an incident resolved before it opened",
    `{"type":"incident","id":"i","openedAt":"2026-01-05T10:00:00Z","resolvedAt":"2026-01-05T09:59:59Z"}`,
    `"resolvedAt" (2026-01-05T09:59:59Z) is before "openedAt" (2026-01-05T10:00:00Z)`,
  ],
  [
    "a deployment status outside its list",
    `{"type":"deployment","id":"d","repositoryId":"r","environment":"production","status":"done","createdAt":"2026-01-05T10:00:00Z"}`,
    `"status" must be one of success, failure, cancelled, in_progress, got the string "done"`,
  ],
  [
    "a CI status outside its list",
    `{"type":"ci_run","id":"c","repositoryId":"r","workflow":"ci","status":"passed","startedAt":"2026-01-05T10:00:00Z"}`,
    `"status" must be one of success, failure, cancelled, skipped, in_progress, got the string "passed"`,
  ],
  [
    "a successful deployment without finishedAt",
    `{"type":"deployment","id":"d","repositoryId":"r","environment":"production","status":"success","createdAt":"2026-01-05T10:00:00Z"}`,
    `missing "finishedAt", required when status is success`,
  ],
  [
    "a number that is a string",
    `{"type":"pull_request","repositoryId":"r","number":"7","authorId":"a","createdAt":"2026-01-05T10:00:00Z"}`,
    `"number" must be an integer, got the string "7"`,
  ],
  [
    "a number that is not whole",
    `{"type":"pull_request","repositoryId":"r","number":7.5,"authorId":"a","createdAt":"2026-01-05T10:00:00Z"}`,
    `"number" must be an integer, got number 7.5`,
  ],
  [
    "a boolean that is a string",
    `{"type":"person","id":"p","isBot":"no"}`,
    `"isBot" must be true or false, got the string "no"`,
  ],
  ["a text field that is a number", `{"type":"team","id":"a","name":42}`, `"name" must be a string, got number 42`],
  [
    "files that are not an array",
    `{"type":"repository_files","repositoryId":"r","observedAt":"2026-01-05T10:00:00Z","files":"Makefile"}`,
    `"files" must be an array of {path, content?}, got the string "Makefile"`,
  ],
  [
    "a file without a path",
    `{"type":"repository_files","repositoryId":"r","observedAt":"2026-01-05T10:00:00Z","files":[{"path":"a"},{"content":"x"}]}`,
    `"files[1].path" must be a non-empty string, got nothing`,
  ],
  [
    "file content over 64 KB",
    `{"type":"repository_files","repositoryId":"r","observedAt":"2026-01-05T10:00:00Z","files":[{"path":"big.yaml","content":"${"x".repeat(65537)}"}]}`,
    `"files[0].content" (big.yaml) is larger than 64 KB`,
  ],
];

describe("rejected lines", () => {
  test.each(CASES)("%s is rejected with its line number and the documented reason", async (_name, line, reason) => {
    const text = `{"type":"team","id":"kept","name":"Kept"}\n\n${line}\n`;
    const summary = await importText(store.db, "rejections", text, { name: "in.ndjson" });
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]!.file).toBe("in.ndjson");
    expect(summary.rejected[0]!.line).toBe(3);
    expect(summary.rejected[0]!.reason.startsWith(reason)).toBe(true);
    expect(summary.imported).toEqual({ team: 1 });
  });

  test("a JSON null is the same as an absent field, and unknown fields are ignored and listed once", async () => {
    const text = [
      `{"type":"repository","id":"r","name":"acme/r","createdAt":"2026-01-05T10:00:00Z","teamId":null,"stars":3}`,
      `{"type":"repository","id":"s","name":"acme/s","createdAt":"2026-01-05T10:00:00Z","stars":4,"topics":[]}`,
    ].join("\n");
    const summary = await importText(store.db, "nulls", text);
    expect(summary.rejected).toEqual([]);
    expect(summary.unknownFields).toEqual(["repository.stars", "repository.topics"]);
  });
});
