/**
 * Writes generated records as event-format NDJSON (spec/events.md), streamed
 * to disk in 1 MB writes: memory holds one chunk, never the file.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { RECORD_TYPES, type BenchRecordType, type RecordSink, type RecordValues } from "./records";

const CHUNK_CHARS = 1 << 20;
const TWO_HOURS_MS = 7_200_000;

/**
 * RFC 3339 in whole seconds. Some timestamps carry a +02:00 offset, as a
 * collector in a European zone would write them; the choice depends only on
 * the value, so it never draws from the generator's random stream.
 */
export function rfc3339(ms: number): string {
  if ((ms / 1000) % 7 === 3) return `${new Date(ms + TWO_HOURS_MS).toISOString().slice(0, 19)}+02:00`;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** One NDJSON line (without the newline); absent fields are left out. */
export function ndjsonLine(type: BenchRecordType, values: RecordValues): string {
  const fields = RECORD_TYPES[type].fields;
  let line = `{"type":"${type}"`;
  for (let i = 0; i < fields.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const f = fields[i]!;
    line += `,"${f.name}":`;
    if (f.kind === "time") line += `"${rfc3339(v as number)}"`;
    else if (f.kind === "string") line += JSON.stringify(v);
    else if (f.kind === "json") line += v as string;
    else line += String(v);
  }
  return `${line}}`;
}

/** A record sink writing NDJSON to a file; `close` flushes and returns the size and a SHA-256 of the bytes. */
export class NdjsonFileWriter implements RecordSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash("sha256");
  private chunk = "";
  bytes = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(type: BenchRecordType, values: RecordValues): void {
    this.chunk += `${ndjsonLine(type, values)}\n`;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const buffer = Buffer.from(this.chunk, "utf8");
    this.chunk = "";
    this.hash.update(buffer);
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(this.fd, buffer, offset);
    this.bytes += buffer.length;
  }

  close(): { bytes: number; sha256: string } {
    this.flush();
    closeSync(this.fd);
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}
