import { StringDecoder } from "node:string_decoder";

/** One physical line of an import file, without its line ending. */
export interface Line {
  /** 1-based; blank lines are counted and yielded too. */
  line: number;
  text: string;
  /** True when the line's bytes are not valid UTF-8 (`text` then holds U+FFFD where they were). */
  invalidUtf8?: true;
}

const REPLACEMENT = "\uFFFD";
const CONTINUATION = (byte: number) => (byte & 0xc0) === 0x80;

/**
 * The numbers of the lines of `bytes` (the first being line `first`) that hold
 * bytes which are not UTF-8. Only called for a chunk whose decoding produced
 * U+FFFD, which valid text may also contain. Continuation bytes at the start
 * finish a character of the previous chunk; a character cut at the end is
 * finished by the next one, so neither counts.
 */
function linesWithInvalidUtf8(bytes: Buffer, first: number): number[] {
  const bad: number[] = [];
  let start = 0;
  while (start < 3 && start < bytes.length && CONTINUATION(bytes[start]!)) start++;
  for (let n = first; start <= bytes.length; n++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, end), { stream: nl === -1 });
    } catch {
      bad.push(n);
    }
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
  const invalid = new Set<number>();
  let tail: Buffer = Buffer.alloc(0);
  const mark = (l: Line): Line => (invalid.has(l.line) ? { ...l, invalidUtf8: true } : l);
  for await (const chunk of source) {
    // A text chunk after bytes ends any character the bytes left incomplete.
    let text = typeof chunk === "string" ? decoder.end() + chunk : decoder.write(chunk);
    if (typeof chunk !== "string") {
      // A character cut by the previous chunk is judged with its tail (the bytes after its last newline, at most 4).
      if (text.includes(REPLACEMENT))
        for (const n of linesWithInvalidUtf8(Buffer.concat([tail, chunk]), line + 1)) invalid.add(n);
      const lastNl = chunk.lastIndexOf(0x0a);
      tail =
        lastNl === -1 && chunk.length < 4
          ? Buffer.concat([tail, chunk]).subarray(-4)
          : chunk.subarray(Math.max(lastNl + 1, chunk.length - 4));
    }
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
