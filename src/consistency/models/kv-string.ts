/**
 * Hash-consed strings for the kv model's states. An append makes a node pointing at the previous
 * value, with a polynomial rolling hash of the whole content updated in O(length of the piece),
 * and equal contents are interned to one node, so model states compare by identity. The plain
 * string representation spent most of bench/consistency.ts's kv c50-ok time hashing and
 * flattening long concatenated strings to intern them (every append creates a new one).
 */

const BASE = 0x01000193;

/** A string value built by puts and appends; compare interned values with `===`. */
export class KvString {
  private text: string | undefined;

  constructor(
    readonly prev: KvString | undefined,
    readonly piece: string,
    /** Rolling hash of the whole content. */
    readonly hash: number,
    readonly length: number,
  ) {}

  /** The content (built once, then cached). */
  toString(): string {
    if (this.text !== undefined) return this.text;
    const pieces: string[] = [];
    for (let n: KvString | undefined = this; n !== undefined; n = n.prev) pieces.push(n.piece);
    this.text = pieces.reverse().join("");
    return this.text;
  }

  /** Whether the content equals `s`, without building the content. */
  equals(s: string): boolean {
    if (s.length !== this.length) return false;
    if (this.text !== undefined) return this.text === s;
    let end = s.length;
    for (let n: KvString | undefined = this; n !== undefined; n = n.prev) {
      const p = n.piece;
      if (!s.startsWith(p, end - p.length)) return false;
      end -= p.length;
    }
    return end === 0;
  }
}

/**
 * Interns KvString values for one model instance.
 *
 * @example
 * ```ts
 * const t = new KvStrings();
 * t.append(t.of("ab"), "c") === t.append(t.of("a"), "bc"); // true
 * ```
 */
export class KvStrings {
  private readonly table = new Map<number, KvString>();
  private readonly collisions = new Map<number, KvString[]>();
  readonly empty: KvString;

  constructor() {
    this.empty = new KvString(undefined, "", 0, 0);
  }

  /** The value whose content is `s`. */
  of(s: string): KvString {
    return s === "" ? this.empty : this.append(this.empty, s);
  }

  /** The value `prev + piece`. */
  append(prev: KvString, piece: string): KvString {
    if (piece === "") return prev;
    let h = prev.hash;
    for (let i = 0; i < piece.length; i++) h = (Math.imul(h, BASE) + piece.charCodeAt(i)) | 0;
    const parent = prev.length === 0 ? undefined : prev;
    const length = prev.length + piece.length;
    // Map keys kept in V8's small-integer range: larger numbers are boxed and hash slowly.
    const key = h & 0x3fffffff;
    const first = this.table.get(key);
    // Look up before allocating: most appends on bench/consistency.ts's kv data recreate a value.
    if (first !== undefined && first.prev === parent && first.piece === piece) return first;
    const v = new KvString(parent, piece, h, length);
    if (first === undefined) {
      this.table.set(key, v);
      return v;
    }
    if (same(first, v)) return first;
    let more = this.collisions.get(key);
    if (more === undefined) this.collisions.set(key, (more = []));
    for (const x of more) if (same(x, v)) return x;
    more.push(v);
    return v;
  }
}

function same(x: KvString, v: KvString): boolean {
  if (x.length !== v.length) return false;
  return (x.prev === v.prev && x.piece === v.piece) || x.toString() === v.toString();
}
