/**
 * Growable columns of numbers stored in fixed-size typed-array chunks: adding a chunk never
 * copies the old ones, so a table of a million rows peaks at its size plus one chunk
 * (a doubling array peaks at three times its size while it copies).
 */

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type TypedArray = Float64Array | Int32Array | Uint8Array;

/**
 * A column of numbers indexed from 0, growing in chunks of 65,536, each new slot holding
 * `fill`.
 *
 * @example
 * const c = new Column(Float64Array, Number.NEGATIVE_INFINITY);
 * c.set(70_000, 5); c.get(70_000); // 5
 * c.get(3); // -Infinity
 */
export class Column {
  private readonly chunks: TypedArray[] = [];

  constructor(
    private readonly Kind: new (n: number) => TypedArray,
    private readonly fill = 0,
  ) {}

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & MASK]!;
  }

  set(i: number, value: number): void {
    const c = i >>> CHUNK_BITS;
    while (this.chunks.length <= c) {
      const chunk = new this.Kind(CHUNK);
      if (this.fill !== 0) chunk.fill(this.fill);
      this.chunks.push(chunk);
    }
    this.chunks[c]![i & MASK] = value;
  }
}
