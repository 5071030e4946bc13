import { StringDecoder } from "node:string_decoder";

/** One physical line of an import file, without its line ending. */
export interface Line {
  /** 1-based; blank lines are counted and yielded too. */
  line: number;
  text: string;
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
 * U+FFFD rather than an error.
 */
export async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<Line> {
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let line = 0;
  let atStart = true;
  for await (const chunk of source) {
    // A text chunk after bytes ends any character the bytes left incomplete.
    let text = typeof chunk === "string" ? decoder.end() + chunk : decoder.write(chunk);
    if (atStart) {
      if (text.length === 0) continue;
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let start = 0;
    let nl = text.indexOf(LF);
    if (nl !== -1 && partial.length > 0) {
      // The partial may end with the `\r` of a pair the chunk boundary split.
      yield { line: ++line, text: withoutCr(partial + text.slice(0, nl)) };
      partial = "";
      start = nl + 1;
      nl = text.indexOf(LF, start);
    }
    // Hot loop: one indexOf per line, one slice per line, no per-character work.
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      yield { line: ++line, text: text.slice(start, end) };
      start = nl + 1;
      nl = text.indexOf(LF, start);
    }
    if (start < text.length) partial = start === 0 ? partial + text : text.slice(start);
  }
  const rest = partial + decoder.end();
  if (rest.length > 0) {
    // A file of only a BOM (or a BOM in the last bytes) never reached the check above.
    const text = atStart && rest.charCodeAt(0) === BOM ? rest.slice(1) : rest;
    if (text.length > 0) yield { line: ++line, text };
  }
}
