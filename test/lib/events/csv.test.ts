import { describe, expect, test } from "vitest";
import { readCsv, type CsvOptions, type CsvRow } from "@/lib/events/csv";
import { ValidationError } from "@/lib/errors";

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

async function collect(source: AsyncIterable<Buffer | string>, options?: CsvOptions): Promise<CsvRow[]> {
  const rows = [];
  for await (const row of readCsv(source, options)) rows.push(row);
  return rows;
}

const csv = (text: string, options?: CsvOptions) => collect(strings(text), options);

describe("readCsv", () => {
  test("rows are keyed by header name and empty cells are left out", async () => {
    expect(await csv("id,environment,sha\nd1,prod,abc\nd2,,\n")).toEqual([
      { line: 2, cells: { id: "d1", environment: "prod", sha: "abc" } },
      { line: 3, cells: { id: "d2" } },
    ]);
  });

  test("quoted cells keep commas, doubled quotes and line breaks, and later records count the extra lines", async () => {
    const text = 'id,title\ni1,"down, then ""up"""\ni2,"line one\nline two\n\nline four"\ni3,""\ni4,plain\n';
    expect(await csv(text)).toEqual([
      { line: 2, cells: { id: "i1", title: 'down, then "up"' } },
      { line: 3, cells: { id: "i2", title: "line one\nline two\n\nline four" } },
      { line: 7, cells: { id: "i3" } },
      { line: 8, cells: { id: "i4", title: "plain" } },
    ]);
  });

  test("a CSV cut at any one or two byte boundaries reads as the same rows", async () => {
    // BOM, CRLF, multi-byte characters, a quoted CRLF, a blank line, no final newline.
    const bytes = Buffer.from('\uFEFFid,name\r\nt1,"Zoë ✓\r\n😀"\r\n\r\nt2,"a,""b"""', "utf8");
    const expected = [
      { line: 2, cells: { id: "t1", name: "Zoë ✓\n😀" } },
      { line: 5, cells: { id: "t2", name: 'a,"b"' } },
    ];
    expect(await collect(cutAt(bytes, []))).toEqual(expected);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += 3) {
        expect(await collect(cutAt(bytes, [a, b])), `cuts at ${a}, ${b}`).toEqual(expected);
      }
    }
  });

  test("blank lines are skipped but still counted", async () => {
    expect(await csv("\nid,name\n\n\nt1,Core\n\n")).toEqual([{ line: 5, cells: { id: "t1", name: "Core" } }]);
  });

  test("a row with the wrong number of cells is an error row and reading goes on", async () => {
    expect(await csv("id,name,parentId,x\nt1,Core,,,extra\nt2\nt3,Web,t1,\n")).toEqual([
      { line: 2, error: "has 5 cells, the header has 4" },
      { line: 3, error: "has 1 cell, the header has 4" },
      { line: 4, cells: { id: "t3", name: "Web", parentId: "t1" } },
    ]);
  });

  test("an unterminated quote is reported on its line and the lines after it are read again", async () => {
    expect(await csv('id,name\nt1,"Core\nt2,Web\nt3,Data')).toEqual([
      { line: 2, error: "unterminated quoted cell" },
      { line: 3, cells: { id: "t2", name: "Web" } },
      { line: 4, cells: { id: "t3", name: "Data" } },
    ]);
  });

  test("a stray quote gives up past the record size limit instead of buffering the rest of the file", async () => {
    const rows = await collect(
      (async function* () {
        yield 'id,name\nt0,"stray\n';
        for (let i = 1; i <= 1000; i++) yield `t${i},Team ${i}\n`;
      })(),
      { maxRecordChars: 200 },
    );
    expect(rows[0]).toEqual({ line: 2, error: "a quoted cell runs past 200 characters (unterminated quote?)" });
    expect(rows.slice(1)).toEqual(
      Array.from({ length: 1000 }, (_, i) => ({ line: i + 3, cells: { id: `t${i + 1}`, name: `Team ${i + 1}` } })),
    );
  });

  test("text after a closing quote is an error row, but spaces there are allowed", async () => {
    expect(await csv('id,name\nt1,"Core"x,\nt2,"Web"  \nt3,"Data" ,\n')).toEqual([
      { line: 2, error: "text after the closing quote of cell 2" },
      { line: 3, cells: { id: "t2", name: "Web" } },
      { line: 4, error: "has 3 cells, the header has 2" },
    ]);
  });

  test("a quote inside an unquoted cell is text", async () => {
    expect(await csv('id,name\nt1,the 5" team\n')).toEqual([{ line: 2, cells: { id: "t1", name: 'the 5" team' } }]);
  });

  test("header names are trimmed and cells are not", async () => {
    expect(await csv(" id , name\n t1 ,Core \n")).toEqual([{ line: 2, cells: { id: " t1 ", name: "Core " } }]);
  });

  test("a repeated header name throws an error naming it", async () => {
    const reading = csv("id,name, id\nt1,Core,t2\n");
    await expect(reading).rejects.toThrow(ValidationError);
    await expect(reading).rejects.toThrow('CSV header names "id" twice (columns 1 and 3)');
  });

  test("an empty header name throws an error naming its column", async () => {
    await expect(csv("id,,name\n")).rejects.toThrow("CSV header has an empty column name (column 2)");
    await expect(csv("id,name,\n")).rejects.toThrow("CSV header has an empty column name (column 3)");
  });

  test("an empty file or a header alone yields no rows", async () => {
    expect(await csv("")).toEqual([]);
    expect(await csv("\uFEFF\r\n")).toEqual([]);
    expect(await csv("id,name\r\n")).toEqual([]);
  });

  test("stopping early, or a bad header, closes the source", async () => {
    let closed = 0;
    async function* endless(header: string): AsyncGenerator<string> {
      try {
        yield header;
        for (;;) yield "t1,Core\n";
      } finally {
        closed++;
      }
    }
    for await (const row of readCsv(endless("id,name\n"))) if (row.line === 3) break;
    await expect(collect(endless("id,id\n"))).rejects.toThrow('"id" twice');
    expect(closed).toBe(2);
  });

  test("a column named __proto__ is a plain field", async () => {
    const [row] = await csv("id,__proto__\nt1,x\n");
    expect(row && "cells" in row && Object.entries(row.cells)).toEqual([
      ["id", "t1"],
      ["__proto__", "x"],
    ]);
  });
});
