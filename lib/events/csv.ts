import { ValidationError } from "@/lib/errors";
import { readLines, type Line } from "./lines";

/**
 * One CSV record keyed by header name, or why it was rejected. `line` is the
 * physical line where the record starts (the header is line 1), so a quoted
 * cell spanning lines moves the numbers of the records after it. Empty cells
 * are omitted: in the event format an empty cell means an absent field.
 */
export type CsvRow = { line: number; cells: Record<string, string> } | { line: number; error: string };

/** Tuning for {@link readCsv}. */
export interface CsvOptions {
  /**
   * How many characters a record spanning several lines may hold before it is
   * rejected; a stray quote would otherwise buffer the rest of a huge file.
   */
  maxRecordChars?: number;
}

/** Far above any legitimate event record (CSV has no `repository_files`). */
export const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;

/** Where a record's first byte that is not UTF-8 is: its physical line and its offset in the input. */
type BadByte = { line: number; offset: number };

type RawRecord = { line: number; cells: string[]; error: string | null; badUtf8: BadByte | null };

/** A record being read; it spans lines while a quoted cell is open. */
interface Pending extends RawRecord {
  /** Lines after the first, kept so they can be read again if the record is given up. */
  more: Line[];
  cell: string;
  chars: number;
}

/**
 * Reads cells from `text` into `rec`, starting inside a quoted cell when
 * `inQuotes`. Returns whether the record ended with the line (no quote open).
 * Works by indexOf on quotes and commas, not by visiting every character.
 */
function readCells(rec: Pending, text: string, inQuotes: boolean): boolean {
  const n = text.length;
  let i = 0;
  for (;;) {
    if (inQuotes) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        rec.cell += text.slice(i);
        return false;
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        rec.cell += text.slice(i, q + 1);
        i = q + 2;
        continue;
      }
      rec.cell += text.slice(i, q);
      inQuotes = false;
      i = q + 1;
      // Hand-written files put spaces after a closing quote; anything else is an error.
      while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
      if (i < n && text.charCodeAt(i) !== COMMA) {
        rec.error ??= `text after the closing quote of cell ${rec.cells.length + 1}`;
        const c = text.indexOf(",", i);
        i = c === -1 ? n : c;
      }
      rec.cells.push(rec.cell);
      rec.cell = "";
      if (i >= n) return true;
      i++;
    }
    // At the start of a cell: only a quote in first position opens a quoted cell.
    if (i < n && text.charCodeAt(i) === QUOTE) {
      inQuotes = true;
      i++;
      continue;
    }
    const c = text.indexOf(",", i);
    if (c === -1) {
      rec.cells.push(text.slice(i));
      return true;
    }
    rec.cells.push(text.slice(i, c));
    i = c + 1;
  }
}

/**
 * Groups physical lines into records. A record that never closes its quote
 * (at the end of the file, or past `maxChars`) is rejected on its first line,
 * and the lines after that are read again as records of their own: the quote
 * was most likely stray, and the records after it still deserve importing.
 */
class RecordSplitter {
  /** Records completed by the last call, in order; the caller empties it. */
  readonly ready: RawRecord[] = [];
  private pending: Pending | null = null;

  constructor(private readonly maxChars: number) {}

  push(line: Line): void {
    const replay = this.read(line);
    if (replay === null) return;
    // A queue, not recursion: give-ups can chain over many lines.
    let queue = replay;
    for (let k = 0; k < queue.length; k++) {
      const again = this.read(queue[k]!);
      if (again !== null) {
        queue = again.concat(queue.slice(k + 1));
        k = -1;
      }
    }
  }

  /** Ends the input: a record still open has an unterminated quoted cell. */
  end(): void {
    while (this.pending !== null) {
      for (const line of this.giveUp(this.pending, "unterminated quoted cell")) this.push(line);
    }
  }

  /** Reads one line; returns the lines to read again when it gave up a record. */
  private read(line: Line): Line[] | null {
    const rec = this.pending;
    if (rec === null) {
      if (line.text.length === 0) return null; // blank lines are not records
      const fresh: Pending = {
        line: line.line,
        cells: [],
        error: null,
        badUtf8: badByte(line),
        more: [],
        cell: "",
        chars: line.text.length,
      };
      if (readCells(fresh, line.text, false)) this.finish(fresh);
      else this.pending = fresh;
      return null;
    }
    rec.more.push(line);
    rec.badUtf8 ??= badByte(line);
    rec.chars += line.text.length + 1;
    rec.cell += "\n";
    if (readCells(rec, line.text, true)) {
      this.pending = null;
      this.finish(rec);
      return null;
    }
    if (rec.chars <= this.maxChars) return null;
    return this.giveUp(rec, `a quoted cell runs past ${this.maxChars} characters (unterminated quote?)`);
  }

  private finish(rec: Pending): void {
    this.ready.push({ line: rec.line, cells: rec.cells, error: rec.error, badUtf8: rec.badUtf8 });
  }

  /** Rejects `rec` on its first line; returns the lines after that, to be read again. */
  private giveUp(rec: Pending, error: string): Line[] {
    this.pending = null;
    this.ready.push({ line: rec.line, cells: [], error, badUtf8: null });
    return rec.more;
  }
}

function badByte(line: Line): BadByte | null {
  return line.invalidUtf8 ? { line: line.line, offset: line.invalidUtf8At ?? 0 } : null;
}

/**
 * Why a record holding bytes that are not UTF-8 is refused: where the first
 * one is, and which cells hold U+FFFD in its place. Decoded, two different bad
 * ids would become one, so such a record is never stored.
 */
function notUtf8(raw: RawRecord, names: readonly string[] | null): string {
  const bad = raw.badUtf8!;
  const columns = names
    ? raw.cells.flatMap((cell, i) => (cell.includes("\uFFFD") && i < names.length ? [names[i]!] : []))
    : [];
  const what =
    columns.length === 0
      ? "the record is"
      : `${columns.length === 1 ? "column" : "columns"} ${columns.join(", ")} ${columns.length === 1 ? "is" : "are"}`;
  const line = bad.line === raw.line ? "" : `, line ${bad.line}`;
  return `${what} not valid UTF-8 (byte offset ${bad.offset} of the file${line}): bytes that are not UTF-8 would be read as U+FFFD, and two different values as one`;
}

function readHeader(raw: RawRecord): string[] {
  if (raw.error !== null) throw new ValidationError(`CSV header (line ${raw.line}): ${raw.error}`);
  if (raw.badUtf8 !== null) throw new ValidationError(`CSV header (line ${raw.line}): ${notUtf8(raw, null)}`);
  const names = raw.cells.map((name) => name.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") throw new ValidationError(`CSV header has an empty column name (column ${i + 1})`);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new ValidationError(`CSV header names ${JSON.stringify(name)} twice (columns ${before} and ${i + 1})`);
    }
    seen.set(name, i + 1);
  });
  return names;
}

function toRow(names: readonly string[], raw: RawRecord): CsvRow {
  if (raw.error !== null) return { line: raw.line, error: raw.error };
  if (raw.badUtf8 !== null) return { line: raw.line, error: notUtf8(raw, names) };
  if (raw.cells.length !== names.length) {
    const count = raw.cells.length === 1 ? "1 cell" : `${raw.cells.length} cells`;
    return { line: raw.line, error: `has ${count}, the header has ${names.length}` };
  }
  const cells: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const value = raw.cells[i]!;
    if (value === "") continue;
    const name = names[i]!;
    // Assigning "__proto__" would set the prototype; define it as a field like any other.
    if (name === "__proto__")
      Object.defineProperty(cells, name, { value, enumerable: true, writable: true, configurable: true });
    else cells[name] = value;
  }
  return { line: raw.line, cells };
}

/**
 * Reads RFC 4180 CSV in constant memory: quoted cells may hold commas, doubled
 * quotes and line breaks (a quoted `\r\n` reads as `\n`); `\n` or `\r\n` end
 * records, blank lines are skipped, a UTF-8 BOM is dropped. The first record
 * is the header: names are trimmed (cells are not), and an empty or repeated
 * name throws a ValidationError naming it. A record with the wrong number of
 * cells, or text after a closing quote, is yielded as an error row and
 * reading goes on; an unterminated quote rejects its record, and the lines
 * after the quote are read again as records. A record holding bytes that are
 * not UTF-8 is an error row naming the byte's offset in the file and the
 * columns that hold it; a header holding one throws.
 */
export async function* readCsv(
  source: AsyncIterable<Buffer | string>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRow> {
  const splitter = new RecordSplitter(options.maxRecordChars ?? MAX_RECORD_CHARS);
  let header: string[] | null = null;
  let ended = false;
  const lines = readLines(source);
  try {
    while (!ended) {
      const next = await lines.next();
      if (next.done) {
        splitter.end();
        ended = true;
      } else {
        splitter.push(next.value);
      }
      // Plain loop rather than a nested generator: this runs once per record.
      for (let i = 0; i < splitter.ready.length; i++) {
        const raw = splitter.ready[i]!;
        if (header === null) header = readHeader(raw);
        else yield toRow(header, raw);
      }
      splitter.ready.length = 0;
    }
  } finally {
    // Closes the source when the caller stops early or the header throws.
    if (!ended) await lines.return(undefined);
  }
}
