import { FIELDS, MAX_FILE_CONTENT_BYTES, ORDERED_PAIRS, type FieldSpec } from "./fields";
import { parseTimestamp } from "./timestamp";
import { EVENT_TYPES, type EventRecord, type EventType } from "./types";

/** A validated record, or the reason it was rejected (the message the user sees). */
export type ValidationResult =
  | { ok: true; record: EventRecord; unknownFields: string[] }
  | { ok: false; reason: string; type: EventType | null };

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);
const KNOWN_FIELDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, new Set(["type", ...FIELDS[t].map((s) => s.name)])]),
);

/** Whether `type` names a type of the event format. */
export function isEventType(type: string): type is EventType {
  return TYPE_SET.has(type);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

/** Converts one present value to its kind; CSV cells arrive as text and are read as the kind says. */
function convert(spec: FieldSpec, raw: unknown, fromText: boolean): Converted {
  const name = JSON.stringify(spec.name);
  const kind = spec.kind;
  if (kind === "id" || kind === "string") {
    if (typeof raw !== "string") return { ok: false, reason: `${name} must be a string, got ${describe(raw)}` };
    if (kind === "id" && raw.length === 0) return { ok: false, reason: `${name} must be a non-empty id` };
    return { ok: true, value: raw };
  }
  if (kind === "timestamp") {
    if (typeof raw !== "string")
      return { ok: false, reason: `${name} must be a timestamp string, got ${describe(raw)}` };
    const ts = parseTimestamp(raw);
    return ts.ok ? { ok: true, value: ts.ms } : { ok: false, reason: `${name} ${JSON.stringify(raw)}: ${ts.reason}` };
  }
  if (kind === "int") {
    const n = fromText && typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    if (typeof n !== "number" || !Number.isSafeInteger(n))
      return { ok: false, reason: `${name} must be an integer, got ${describe(raw)}` };
    return { ok: true, value: n };
  }
  if (kind === "bool") {
    let b = raw;
    if (fromText && typeof raw === "string") {
      const t = raw.trim().toLowerCase();
      b = t === "true" ? true : t === "false" ? false : raw;
    }
    if (typeof b !== "boolean") return { ok: false, reason: `${name} must be true or false, got ${describe(raw)}` };
    return { ok: true, value: b };
  }
  if (kind === "files") return convertFiles(raw);
  if ("listOf" in kind) return convertList(spec.name, kind.listOf, raw, fromText);
  if (typeof raw !== "string" || !kind.oneOf.includes(raw)) {
    return { ok: false, reason: `${name} must be one of ${kind.oneOf.join(", ")}, got ${describe(raw)}` };
  }
  return { ok: true, value: raw };
}

/** An array of strings (ids: non-empty); a CSV cell holds the items separated by `;`, empty items skipped. */
function convertList(field: string, item: "id" | "string", raw: unknown, fromText: boolean): Converted {
  const name = JSON.stringify(field);
  const list =
    fromText && typeof raw === "string"
      ? raw
          .split(";")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : raw;
  if (!Array.isArray(list)) return { ok: false, reason: `${name} must be an array of strings, got ${describe(raw)}` };
  for (let i = 0; i < list.length; i++) {
    const v: unknown = list[i];
    if (typeof v !== "string") return { ok: false, reason: `"${field}[${i}]" must be a string, got ${describe(v)}` };
    if (item === "id" && v.length === 0) return { ok: false, reason: `"${field}[${i}]" must be a non-empty id` };
  }
  return { ok: true, value: list };
}

function convertFiles(raw: unknown): Converted {
  if (!Array.isArray(raw))
    return { ok: false, reason: `"files" must be an array of {path, content?}, got ${describe(raw)}` };
  const files: { path: string; content?: string }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    const at = `"files[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return { ok: false, reason: `${at}" must be an object with a path, got ${describe(item)}` };
    }
    const { path, content } = item as Record<string, unknown>;
    if (typeof path !== "string" || path.length === 0)
      return { ok: false, reason: `${at}.path" must be a non-empty string, got ${describe(path)}` };
    if (content === undefined || content === null) {
      files.push({ path });
      continue;
    }
    if (typeof content !== "string")
      return { ok: false, reason: `${at}.content" must be a string, got ${describe(content)}` };
    if (Buffer.byteLength(content, "utf8") > MAX_FILE_CONTENT_BYTES) {
      return { ok: false, reason: `${at}.content" (${path}) is larger than 64 KB` };
    }
    files.push({ path, content });
  }
  return { ok: true, value: files };
}

/**
 * Validates one decoded line (a JSON object, or a CSV row as text cells with
 * `fromText`) against spec/events.md. The first problem found is the reason.
 */
export function validateRecord(input: unknown, options: { fromText?: boolean } = {}): ValidationResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, reason: `a record must be a JSON object, got ${describe(input)}`, type: null };
  }
  const obj = input as Record<string, unknown>;
  const type = obj.type;
  if (type === undefined || type === null) return { ok: false, reason: `missing required field "type"`, type: null };
  if (typeof type !== "string" || !isEventType(type)) {
    return {
      ok: false,
      reason: `unknown type ${typeof type === "string" ? JSON.stringify(type) : describe(type)} (expected one of ${EVENT_TYPES.join(", ")})`,
      type: null,
    };
  }
  const record: Record<string, unknown> = { type };
  for (const spec of FIELDS[type]) {
    const raw = obj[spec.name];
    if (raw === undefined || raw === null) {
      if (spec.required) return { ok: false, reason: `missing required field ${JSON.stringify(spec.name)}`, type };
      record[spec.name] = null;
      continue;
    }
    const converted = convert(spec, raw, options.fromText ?? false);
    if (!converted.ok) return { ok: false, reason: converted.reason, type };
    record[spec.name] = converted.value;
  }
  for (const [end, start] of ORDERED_PAIRS[type] ?? []) {
    const e = record[end],
      s = record[start];
    if (typeof e === "number" && typeof s === "number" && e < s) {
      return { ok: false, reason: `"${end}" (${obj[end]}) is before "${start}" (${obj[start]})`, type };
    }
  }
  if (
    type === "deployment" &&
    (record.status === "success" || record.status === "failure") &&
    record.finishedAt === null
  ) {
    return { ok: false, reason: `missing "finishedAt", required when status is ${record.status}`, type };
  }
  const known = KNOWN_FIELDS[type]!;
  const unknownFields: string[] = [];
  for (const key in obj) if (!known.has(key)) unknownFields.push(key);
  return { ok: true, record: record as unknown as EventRecord, unknownFields };
}
