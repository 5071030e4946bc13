import { StringDecoder } from "node:string_decoder";

/** One physical line of an import file, without its line ending. */
export interface Line {
  /** 1-based; blank lines are counted and yielded too. */
  line: number;
  text: string;
  /** True when the line's bytes are not valid UTF-8 (`text` then holds U+FFFD where they were). */
  invalidUtf8?: true;
  /** With `invalidUtf8`: the 0-based offset in the whole input of the line's first byte that is not UTF-8. */
  invalidUtf8At?: number;
}

const REPLACEMENT = "\uFFFD";
const CONTINUATION = (byte: number) => (byte & 0xc0) === 0x80;

/**
 * The index of the first byte in `bytes[start, end)` that does not belong to
 * a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code
 * points above U+10FFFF), or -1. A sequence cut by `end` counts as invalid
 * only when `cutIsEnd` is false (the line ends there); otherwise the next
 * chunk finishes it.
 */
function firstInvalidUtf8(bytes: Buffer, start: number, end: number, cutIsEnd: boolean): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range depends on the first (overlongs, surrogates, > U+10FFFF).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      if (i + k >= end) return cutIsEnd ? -1 : i;
      const c = bytes[i + k]!;
      if (k === 1 ? c < low || c > high : !CONTINUATION(c)) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * The lines of `bytes` (the first being line `first`, `bytes[0]` being byte
 * `offset` of the input) that hold bytes which are not UTF-8, with the input
 * offset of the first such byte. Only called for a chunk whose decoding
 * produced U+FFFD, which valid text may also contain. Continuation bytes at
 * the start finish a character of the previous chunk; a character cut at the
 * end is finished by the next one, so neither counts.
 */
function linesWithInvalidUtf8(bytes: Buffer, first: number, offset: number): Map<number, number> {
  const bad = new Map<number, number>();
  let start = 0;
  while (start < 3 && start < bytes.length && CONTINUATION(bytes[start]!)) start++;
  for (let n = first; start <= bytes.length; n++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    const at = firstInvalidUtf8(bytes, start, end, nl === -1);
    if (at !== -1) bad.set(n, offset + at);
    if (nl === -1) break;
    start = nl + 1;
  }
  return bad;
}

const LF = "\n";
const CR = 13;
const BOM = 0xfeff;

/** `text` without one trailing carriage return, so `\r\n` and `\n` end lines alike. */
function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text;
}

/**
 * Splits a byte or text stream into lines without loading it whole, so a
 * multi-GB import runs in constant memory: only the current partial line is
 * buffered. Lines end at `\n` or `\r\n` (a lone `\r` is text); a last line
 * without a newline is yielded, an empty one after a final newline is not.
 * A UTF-8 byte order mark at the start is dropped. Chunks may split a
 * multi-byte UTF-8 character or a `\r\n` pair anywhere; invalid UTF-8 becomes
 * U+FFFD and the line is marked `invalidUtf8`, so the caller can refuse it
 * (two different bad ids would otherwise become one).
 */
export async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<Line> {
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let line = 0;
  let atStart = true;
  /** Line number → input offset of its first byte that is not UTF-8. */
  const invalid = new Map<number, number>();
  let tail: Buffer = Buffer.alloc(0);
  /** Bytes of the input before the current chunk. */
  let consumed = 0;
  const mark = (l: Line): Line => {
    const at = invalid.get(l.line);
    if (at === undefined) return l;
    invalid.delete(l.line);
    return { ...l, invalidUtf8: true, invalidUtf8At: at };
  };
  for await (const chunk of source) {
    // A text chunk after bytes ends any character the bytes left incomplete.
    let text = typeof chunk === "string" ? decoder.end() + chunk : decoder.write(chunk);
    if (typeof chunk !== "string") {
      // A character cut by the previous chunk is judged with its tail (the bytes after its last newline, at most 4).
      if (text.includes(REPLACEMENT))
        for (const [n, at] of linesWithInvalidUtf8(Buffer.concat([tail, chunk]), line + 1, consumed - tail.length))
          if (!invalid.has(n)) invalid.set(n, at);
      const lastNl = chunk.lastIndexOf(0x0a);
      tail =
        lastNl === -1 && chunk.length < 4
          ? Buffer.concat([tail, chunk]).subarray(-4)
          : chunk.subarray(Math.max(lastNl + 1, chunk.length - 4));
      consumed += chunk.length;
    } else consumed += Buffer.byteLength(chunk);
    if (atStart) {
      if (text.length === 0) continue;
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let start = 0;
    let nl = text.indexOf(LF);
    if (nl !== -1 && partial.length > 0) {
      // The partial may end with the `\r` of a pair the chunk boundary split.
      yield mark({ line: ++line, text: withoutCr(partial + text.slice(0, nl)) });
      partial = "";
      start = nl + 1;
      nl = text.indexOf(LF, start);
    }
    // Hot loop: one indexOf per line, one slice per line, no per-character work.
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      yield mark({ line: ++line, text: text.slice(start, end) });
      start = nl + 1;
      nl = text.indexOf(LF, start);
    }
    if (start < text.length) partial = start === 0 ? partial + text : text.slice(start);
  }
  const rest = partial + decoder.end();
  if (rest.length > 0) {
    // A file of only a BOM (or a BOM in the last bytes) never reached the check above.
    const text = atStart && rest.charCodeAt(0) === BOM ? rest.slice(1) : rest;
    if (text.length > 0) yield mark({ line: ++line, text });
  }
}
