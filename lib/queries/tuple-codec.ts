import type { RowsAt } from "@/lib/metrics/types";

/**
 * A compact binary form of query results (arrays of tuples whose cells are
 * strings, finite numbers or null), for keeping a large read in one row and
 * getting it back several times faster than the rows themselves: strings are
 * stored once each in one UTF-8 text and come back as slices of it, numbers as
 * 64-bit floats.
 *
 * Beside the tuples it may hold an attachment: number columns (i32, or f64
 * for a Float64Array) under a label, read back as typed arrays without
 * copying (what the metrics engine derived from those rows,
 * lib/metrics/facts-index.ts). Decoding builds nothing until asked: a table's
 * rows may be built all at once or one at a time (DecodedSet).
 *
 * Layout (little-endian): magic "ATC1", u32 header length, a JSON header
 * {strings, tables: [{rows, columns}], attachment?: {label, lengths}},
 * padding to 8 bytes, then per table and column: kinds (u8 per cell: 0 null,
 * 1 number, 2 string), padding to 8, values (f64 per cell: the number, or the
 * string's index); then each attachment column's values (i32 or f64), padded to 8.
 * Last, the strings' lengths (u32 each, in UTF-16 units) and their UTF-8 text.
 */
/** Bumped when the layout below changes (kept snapshots of another layout are then never read). */
export const TUPLE_CODEC_VERSION = 2;
const MAGIC = 0x31435441; // "ATC1"
const NULL = 0,
  NUMBER = 1,
  STRING = 2;

type Cell = string | number | null;

/** Integer columns kept beside the tuples, under a label saying what they are. */
export interface Attachment {
  label: string;
  /** Float64Arrays are kept as f64; anything else must hold 32-bit integers. */
  columns: (ArrayLike<number> | Float64Array)[];
}

/** An attachment as decoded: its columns are views of the bytes. */
export interface DecodedAttachment {
  label: string;
  columns: (Int32Array | Float64Array)[];
}

type ColumnType = "i32" | "f64";

interface Header {
  strings: number;
  tables: { rows: number; columns: number }[];
  attachment?: { label: string; lengths: number[]; types: ColumnType[] };
}

const columnBytes = (type: ColumnType, n: number) => pad8((type === "f64" ? 8 : 4) * n);

const pad8 = (n: number) => (n + 7) & ~7;

/** Bytes of the columns (every table's kinds and values, then the attachment's): between the header and the strings. */
const columnsSize = (header: Header) =>
  header.tables.reduce((sum, t) => sum + t.columns * (pad8(t.rows) + 8 * t.rows), 0) +
  (header.attachment?.lengths ?? []).reduce((sum, n, i) => sum + columnBytes(header.attachment!.types[i]!, n), 0);

/** Encodes tables of tuples (each table's tuples of one width), and the attachment if any. */
export function encodeTuples(
  tables: readonly (readonly (readonly unknown[])[])[],
  attachment?: Attachment,
): Uint8Array {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const header: Header = {
    strings: 0,
    tables: tables.map((t) => ({ rows: t.length, columns: t[0]?.length ?? 0 })),
    ...(attachment && {
      attachment: {
        label: attachment.label,
        lengths: attachment.columns.map((c) => c.length),
        types: attachment.columns.map((c): ColumnType => (c instanceof Float64Array ? "f64" : "i32")),
      },
    }),
  };
  const size = columnsSize(header);
  const body = new ArrayBuffer(size);
  let at = 0;
  tables.forEach((table, ti) => {
    const { rows, columns } = header.tables[ti]!;
    for (let c = 0; c < columns; c++) {
      const kinds = new Uint8Array(body, at, rows);
      at += pad8(rows);
      const values = new Float64Array(body, at, rows);
      at += 8 * rows;
      for (let r = 0; r < rows; r++) {
        const cell = table[r]![c] as Cell | undefined;
        if (cell === null || cell === undefined) kinds[r] = NULL;
        else if (typeof cell === "number") {
          kinds[r] = NUMBER;
          values[r] = cell;
        } else if (typeof cell === "string") {
          let i = index.get(cell);
          if (i === undefined) {
            i = strings.length;
            strings.push(cell);
            index.set(cell, i);
          }
          kinds[r] = STRING;
          values[r] = i;
        } else throw new Error(`cannot encode a ${typeof cell} cell (table ${ti}, row ${r}, column ${c})`);
      }
    }
  });
  attachment?.columns.forEach((column, ci) => {
    if (column instanceof Float64Array) new Float64Array(body, at, column.length).set(column);
    else {
      const values = new Int32Array(body, at, column.length);
      for (let i = 0; i < column.length; i++) {
        const v = column[i]!;
        if (!Number.isInteger(v) || v !== (v | 0)) throw new Error(`cannot attach ${v} (column ${ci}, row ${i})`);
        values[i] = v;
      }
    }
    at += columnBytes(header.attachment!.types[ci]!, column.length);
  });
  header.strings = strings.length;
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const lengths = new Uint32Array(strings.map((s) => s.length));
  const text = new TextEncoder().encode(strings.join(""));
  const start = pad8(8 + headerBytes.length);
  const out = new Uint8Array(start + size + lengths.byteLength + text.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  out.set(new Uint8Array(body), start);
  out.set(new Uint8Array(lengths.buffer), start + size);
  out.set(text, start + size + lengths.byteLength);
  return out;
}

/**
 * Decodes what encodeTuples wrote, turning each table's rows into `T`s with
 * `build` (one per table). `build` gets a scratch tuple it must not keep: the
 * next row overwrites it. Throws on bytes encodeTuples did not write.
 */
export function decodeTuples<T>(bytes: Uint8Array, builds: readonly ((tuple: Cell[]) => T)[]): T[][] {
  const set = new DecodedSet(bytes);
  if (set.tables.length !== builds.length) {
    throw new Error(`the encoded set holds ${set.tables.length} tables, not ${builds.length}`);
  }
  return builds.map((build, t) => set.rows(t, build));
}

/** One decoded table: per column, each cell's kind and value (views of the bytes). */
interface DecodedTable {
  rows: number;
  kinds: Uint8Array[];
  values: Float64Array[];
}

/**
 * What encodeTuples wrote, read in place: nothing is built (not even a
 * string) until a table's rows are asked for. Throws on bytes encodeTuples did
 * not write.
 */
export class DecodedSet {
  readonly tables: DecodedTable[];
  readonly attachment: DecodedAttachment | null;
  readonly #strings: (string | undefined)[];
  readonly #offsets: Uint32Array;
  readonly #text: string;

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error("not an encoded tuple set");
    const headerLength = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header;
    // Typed views need aligned offsets: copy once when the bytes do not start on an 8-byte boundary (a copy
    // for certain: a Buffer's slice() is a view of the same bytes).
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    const base = aligned.byteOffset;
    const start = pad8(8 + headerLength);
    const size = columnsSize(header);
    if (aligned.byteLength < start + size + 4 * header.strings) throw new Error("the encoded set is cut short");
    const lengths = new Uint32Array(
      aligned.buffer.slice(base + start + size, base + start + size + 4 * header.strings),
    );
    this.#text = new TextDecoder().decode(aligned.subarray(start + size + 4 * header.strings));
    this.#offsets = new Uint32Array(header.strings + 1);
    for (let i = 0; i < header.strings; i++) this.#offsets[i + 1] = this.#offsets[i]! + lengths[i]!;
    if (this.#offsets[header.strings] !== this.#text.length) throw new Error("the encoded strings do not add up");
    this.#strings = new Array(header.strings);
    let at = base + start;
    this.tables = header.tables.map(({ rows, columns }) => {
      const kinds: Uint8Array[] = [],
        values: Float64Array[] = [];
      for (let c = 0; c < columns; c++) {
        kinds.push(new Uint8Array(aligned.buffer, at, rows));
        at += pad8(rows);
        values.push(new Float64Array(aligned.buffer, at, rows));
        at += 8 * rows;
      }
      return { rows, kinds, values };
    });
    const attached = header.attachment;
    this.attachment = attached
      ? {
          label: attached.label,
          columns: attached.lengths.map((n, i) => {
            const type = attached.types[i]!;
            const column =
              type === "f64" ? new Float64Array(aligned.buffer, at, n) : new Int32Array(aligned.buffer, at, n);
            at += columnBytes(type, n);
            return column;
          }),
        }
      : null;
  }

  /** The `i`th distinct string. */
  string(i: number): string {
    let s = this.#strings[i];
    if (s === undefined) {
      s = this.#text.slice(this.#offsets[i]!, this.#offsets[i + 1]!);
      this.#strings[i] = s;
    }
    return s;
  }

  /** The cell of table `t`, column `c`, row `r`. */
  cell(t: number, c: number, r: number): Cell {
    const table = this.tables[t]!;
    const kind = table.kinds[c]![r];
    const value = table.values[c]![r]!;
    return kind === NUMBER ? value : kind === STRING ? this.string(value) : null;
  }

  /** Every row of table `t`, built. */
  rows<T>(t: number, build: (tuple: Cell[]) => T): T[] {
    const table = this.tables[t]!;
    const tuple = new Array<Cell>(table.kinds.length).fill(null);
    const out = new Array<T>(table.rows);
    for (let r = 0; r < table.rows; r++) out[r] = this.#row(t, r, tuple, build);
    return out;
  }

  /** The rows of table `t`, each built the first time it is asked for. */
  rowsAt<T>(t: number, build: (tuple: Cell[]) => T): RowsAt<T> {
    const { rows, kinds, values } = this.tables[t]!;
    const columns = kinds.length;
    const tuple = new Array<Cell>(columns).fill(null);
    const built = new Array<T | undefined>(rows);
    return {
      length: rows,
      at: (i) => {
        let row = built[i];
        if (row !== undefined) return row;
        if (!(i >= 0 && i < rows)) throw new RangeError(`no row ${i} in a table of ${rows}`);
        for (let c = 0; c < columns; c++) {
          const kind = kinds[c]![i];
          const value = values[c]![i]!;
          tuple[c] = kind === NUMBER ? value : kind === STRING ? this.string(value) : null;
        }
        row = build(tuple);
        built[i] = row;
        return row;
      },
    };
  }

  #row<T>(t: number, r: number, tuple: Cell[], build: (tuple: Cell[]) => T): T {
    for (let c = 0; c < tuple.length; c++) tuple[c] = this.cell(t, c, r);
    return build(tuple);
  }
}
