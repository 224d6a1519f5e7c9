import { Dictionary, Int32, makeVector, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';

/**
 * The dyad-year tables (the sweep's `atop` and `universe` forms) as an Arrow IPC file — Feather
 * version 2, which pandas (`pd.read_feather`), R (`arrow::read_feather`) and Polars open as they
 * are. Built from the sweep's own CSV lines, so that both formats carry the same rows: numbers
 * become 32-bit integers (the 0/1 obligation flags 8-bit), abbreviations a dictionary of strings.
 */
export class ArrowCollector {
  private readonly ints: Map<string, number[]>;
  private readonly strings: Map<string, string[]>;
  private header: string[] | undefined;

  constructor(
    private readonly columns: readonly string[],
    private readonly stringColumns: ReadonlySet<string>,
    private readonly flagColumns: ReadonlySet<string>,
  ) {
    this.ints = new Map(columns.filter((c) => !stringColumns.has(c)).map((c) => [c, []]));
    this.strings = new Map(columns.filter((c) => stringColumns.has(c)).map((c) => [c, []]));
  }

  /** Takes a chunk of CSV text (whole lines), the header line first. */
  push(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      if (!this.header) {
        this.header = line.split(',');
        if (this.header.join(',') !== this.columns.join(',')) throw new Error(`unexpected sweep header ${line}`);
        continue;
      }
      const cells = line.split(',');
      this.columns.forEach((c, i) => {
        const v = cells[i] as string;
        if (this.stringColumns.has(c)) (this.strings.get(c) as string[]).push(v);
        else (this.ints.get(c) as number[]).push(Number(v));
      });
    }
  }

  /** The Arrow IPC file's bytes. */
  bytes(): Uint8Array {
    const vectors: Record<string, ReturnType<typeof makeVector>> = {};
    for (const c of this.columns) {
      if (this.stringColumns.has(c)) {
        vectors[c] = vectorFromArray(this.strings.get(c) as string[], new Dictionary(new Utf8(), new Int32()));
      } else {
        const values = this.ints.get(c) as number[];
        vectors[c] = this.flagColumns.has(c) ? makeVector(Int8Array.from(values)) : makeVector(Int32Array.from(values));
      }
    }
    return tableToIPC(new Table(vectors), 'file');
  }
}
