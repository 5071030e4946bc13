/**
 * A compact binary form of query results (arrays of tuples whose cells are
 * strings, finite numbers or null), for keeping a large read in one row and
 * getting it back several times faster than the rows themselves: strings are
 * stored once each in one UTF-8 text and come back as slices of it, numbers as
 * 64-bit floats.
 *
 * Layout (little-endian): magic "ATC1", u32 header length, a JSON header
 * {strings, tables: [{rows, columns}]}, padding to 8 bytes, then per table and
 * column: kinds (u8 per cell: 0 null, 1 number, 2 string), padding to 8,
 * values (f64 per cell: the number, or the string's index). Last, the
 * strings' lengths (u32 each, in UTF-16 units) and their UTF-8 text.
 */
/** Bumped when the layout below changes (kept snapshots of another layout are then never read). */
export const TUPLE_CODEC_VERSION = 1;
const MAGIC = 0x31435441; // "ATC1"
const NULL = 0,
  NUMBER = 1,
  STRING = 2;

type Cell = string | number | null;

const pad8 = (n: number) => (n + 7) & ~7;

/** Bytes of the columns' kinds and values, every table's (the part between the header and the strings). */
const columnsSize = (tables: readonly { rows: number; columns: number }[]) =>
  tables.reduce((sum, t) => sum + t.columns * (pad8(t.rows) + 8 * t.rows), 0);

/** Encodes tables of tuples (each table's tuples of one width). */
export function encodeTuples(tables: readonly (readonly (readonly unknown[])[])[]): Uint8Array {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const header = { strings: 0, tables: tables.map((t) => ({ rows: t.length, columns: t[0]?.length ?? 0 })) };
  const size = columnsSize(header.tables);
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error("not an encoded tuple set");
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    strings: number;
    tables: { rows: number; columns: number }[];
  };
  if (header.tables.length !== builds.length) {
    throw new Error(`the encoded set holds ${header.tables.length} tables, not ${builds.length}`);
  }
  // Typed views need aligned offsets: copy once when the bytes do not start on an 8-byte boundary.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const base = aligned.byteOffset;
  const start = pad8(8 + headerLength);
  const size = columnsSize(header.tables);
  const lengths = new Uint32Array(aligned.buffer.slice(base + start + size, base + start + size + 4 * header.strings));
  const text = new TextDecoder().decode(aligned.subarray(start + size + 4 * header.strings));
  const strings = new Array<string>(header.strings);
  for (let i = 0, pos = 0; i < header.strings; i++) {
    strings[i] = text.slice(pos, pos + lengths[i]!);
    pos += lengths[i]!;
  }
  let at = base + start;
  return header.tables.map(({ rows, columns }, ti) => {
    const kinds: Uint8Array[] = [],
      values: Float64Array[] = [];
    for (let c = 0; c < columns; c++) {
      kinds.push(new Uint8Array(aligned.buffer, at, rows));
      at += pad8(rows);
      values.push(new Float64Array(aligned.buffer, at, rows));
      at += 8 * rows;
    }
    const build = builds[ti]!;
    const tuple = new Array<Cell>(columns).fill(null);
    const out = new Array<T>(rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const k = kinds[c]![r];
        tuple[c] = k === NUMBER ? values[c]![r]! : k === STRING ? strings[values[c]![r]!]! : null;
      }
      out[r] = build(tuple);
    }
    return out;
  });
}
