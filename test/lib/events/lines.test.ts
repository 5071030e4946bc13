import { describe, expect, test } from "vitest";
import { readLines } from "@/lib/events/lines";

/** A source yielding `bytes` cut at the given offsets. */
async function* cutAt(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
}

async function* strings(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

async function collect(source: AsyncIterable<Buffer | string>): Promise<{ line: number; text: string }[]> {
  const lines = [];
  for await (const line of readLines(source)) lines.push(line);
  return lines;
}

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

// A BOM, 2-, 3- and 4-byte characters, CRLF and LF, blank lines, no final newline.
const AWKWARD = Buffer.from("\uFEFFé,a\r\n\n✓😀\r\n\r\nx\ny😀", "utf8");
const AWKWARD_LINES = [
  { line: 1, text: "é,a" },
  { line: 2, text: "" },
  { line: 3, text: "✓😀" },
  { line: 4, text: "" },
  { line: 5, text: "x" },
  { line: 6, text: "y😀" },
];

describe("readLines", () => {
  test("a file cut at any one byte boundary reads as the same lines", async () => {
    for (let cut = 0; cut <= AWKWARD.length; cut++) {
      expect(await collect(cutAt(AWKWARD, [cut])), `cut at ${cut}`).toEqual(AWKWARD_LINES);
    }
  });

  test("a file cut at any two byte boundaries reads as the same lines", async () => {
    for (let a = 0; a <= AWKWARD.length; a++) {
      for (let b = a; b <= AWKWARD.length; b++) {
        expect(await collect(cutAt(AWKWARD, [a, b])), `cuts at ${a}, ${b}`).toEqual(AWKWARD_LINES);
      }
    }
  });

  test("a file arriving one byte at a time reads as the same lines", async () => {
    const everyByte = Array.from({ length: AWKWARD.length - 1 }, (_, i) => i + 1);
    expect(await collect(cutAt(AWKWARD, everyByte))).toEqual(AWKWARD_LINES);
  });

  test("a CRLF pair split between chunks ends one line, not two", async () => {
    expect(await collect(strings("a\r", "\nb\r", "\n"))).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
    ]);
  });

  test("a final newline does not add an empty line, but blank lines inside are yielded", async () => {
    expect(texts(await collect(strings("a\n\n\nb\n")))).toEqual(["a", "", "", "b"]);
    expect(await collect(strings("\n"))).toEqual([{ line: 1, text: "" }]);
  });

  test("an empty source, or one holding only a BOM, yields no lines", async () => {
    expect(await collect(strings())).toEqual([]);
    expect(await collect(strings("", ""))).toEqual([]);
    expect(await collect(cutAt(Buffer.from([0xef, 0xbb, 0xbf]), [1, 2]))).toEqual([]);
  });

  test("a lone carriage return is text, not a line break", async () => {
    expect(texts(await collect(strings("a\rb\r\nc\r")))).toEqual(["a\rb", "c\r"]);
  });

  test("only a leading BOM is dropped, also from text chunks", async () => {
    expect(texts(await collect(strings("", "\uFEFFa\n\uFEFFb")))).toEqual(["a", "\uFEFFb"]);
  });

  test("invalid UTF-8 reads as replacement characters instead of failing", async () => {
    const bytes = Buffer.from([0x61, 0xff, 0x0a, 0xe2, 0x9c]); // "a", a bad byte, LF, a cut-off "✓"
    expect(texts(await collect(cutAt(bytes, [2])))).toEqual(["a\uFFFD", "\uFFFD"]);
  });

  test("a line longer than many chunks is put back together", async () => {
    const long = "x".repeat(100_000);
    const chunks = long.match(/.{1,997}/g)!;
    expect(await collect(strings(...chunks, "\nend"))).toEqual([
      { line: 1, text: long },
      { line: 2, text: "end" },
    ]);
  });

  test("stopping early closes the source", async () => {
    let closed = false;
    async function* source(): AsyncGenerator<string> {
      try {
        for (;;) yield "line\n";
      } finally {
        closed = true;
      }
    }
    for await (const { line } of readLines(source())) if (line === 3) break;
    expect(closed).toBe(true);
  });

  test("a generated 50 MB file streams through with every line counted", async () => {
    const record =
      '{"type":"commit","repositoryId":"acme/checkout","sha":"0123456789abcdef","authoredAt":"2024-05-01T10:00:00Z","title":"héllo ✓"}';
    const block = Buffer.from(`${record}\r\n`.repeat(500), "utf8");
    const mid = Math.floor(block.length / 2) + 1; // inside a line, so every round carries a partial line over
    const rounds = Math.ceil(50_000_000 / block.length);
    async function* generated(): AsyncGenerator<Buffer> {
      for (let i = 0; i < rounds; i++) {
        yield block.subarray(0, mid);
        yield block.subarray(mid);
      }
      yield Buffer.from("last line without newline");
    }
    let count = 0;
    let last = "";
    let wrong = 0;
    for await (const { line, text } of readLines(generated())) {
      count++;
      if (line !== count) wrong++;
      if (text.length !== record.length && line <= rounds * 500) wrong++;
      last = text;
    }
    expect(wrong).toBe(0);
    expect(count).toBe(rounds * 500 + 1);
    expect(last).toBe("last line without newline");
  });
});
