/**
 * The explored state graph, kept only when a spec has liveness properties: for each stored
 * state, its outgoing state-changing edges (target index, step code, fairness key of the
 * argument), the fairness keys enabled there, whether it is terminal (no action enabled at
 * all), and one bit per liveness predicate. Typed arrays that grow by doubling; about 12 bytes
 * per edge plus a few words per state. States themselves are still not stored.
 *
 * Fairness keys: each action with a fairness constraint has a key for "the action, any
 * argument", and actions under `each(...)` also get one key per distinct argument value.
 */

function grow<T extends Int32Array | Uint32Array | Uint8Array>(
  a: T,
  need: number,
  make: (n: number) => T,
): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

/** Edges and per-state facts for liveness checking. */
export class StateGraph {
  private edgeStart = new Int32Array(1024);
  private edgeCount = new Int32Array(1024);
  private fairStart = new Int32Array(1024);
  private fairCount = new Int32Array(1024);
  private terminalFlags = new Uint8Array(1024);
  private bits = new Uint32Array(1024);
  private targets = new Int32Array(4096);
  private steps = new Uint32Array(4096);
  private argKeys = new Int32Array(4096);
  private fairKeys = new Int32Array(4096);
  private edges = 0;
  private fairs = 0;
  private current = -1;
  private readonly keyIds = new Map<string, number>();
  /** For each key id: its action index. */
  readonly keyAction: number[] = [];
  /** For each key id: whether it is a per-argument key. */
  readonly keyIsArg: boolean[] = [];

  /** Number of state-changing edges recorded. */
  get edgeTotal(): number {
    return this.edges;
  }

  /** The id of a fairness key (`action:*` or `action:<argument fingerprint>`), created on first use. */
  key(action: number, argFingerprint: string | undefined): number {
    const k = `${action}:${argFingerprint ?? "*"}`;
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = this.keyAction.length;
      this.keyIds.set(k, id);
      this.keyAction.push(action);
      this.keyIsArg.push(argFingerprint !== undefined);
    }
    return id;
  }

  /** Starts recording the out-edges of state `index`. */
  begin(index: number): void {
    this.current = index;
    this.ensureState(index);
    this.edgeStart[index] = this.edges;
    this.edgeCount[index] = 0;
    this.fairStart[index] = this.fairs;
    this.fairCount[index] = 0;
  }

  /** Records a state-changing edge from the current state. `argKey` is -1 without `each` fairness. */
  addEdge(target: number, step: number, argKey: number): void {
    const e = this.edges++;
    if (e >= this.targets.length) {
      this.targets = grow(this.targets, e + 1, (n) => new Int32Array(n));
      this.steps = grow(this.steps, e + 1, (n) => new Uint32Array(n));
      this.argKeys = grow(this.argKeys, e + 1, (n) => new Int32Array(n));
    }
    this.targets[e] = target;
    this.steps[e] = step;
    this.argKeys[e] = argKey;
    this.edgeCount[this.current]!++;
  }

  /** Records that fairness key `key` is enabled (can change the state) in the current state. */
  addEnabled(key: number): void {
    const start = this.fairStart[this.current]!;
    const n = this.fairCount[this.current]!;
    for (let i = 0; i < n; i++) if (this.fairKeys[start + i] === key) return;
    const f = this.fairs++;
    if (f >= this.fairKeys.length) this.fairKeys = grow(this.fairKeys, f + 1, (m) => new Int32Array(m));
    this.fairKeys[f] = key;
    this.fairCount[this.current]!++;
  }

  /** Ends the current state; `terminal` when no action at all was enabled in it. */
  end(terminal: boolean): void {
    this.terminalFlags[this.current] = terminal ? 1 : 0;
  }

  /** Stores the liveness predicate bits of a state. */
  setBits(index: number, bits: number): void {
    this.ensureState(index);
    this.bits[index] = bits;
  }

  bitsOf(index: number): number {
    return this.bits[index]!;
  }

  isTerminal(index: number): boolean {
    return this.terminalFlags[index] === 1;
  }

  /** Out-edges of `index` as [first, count) into the edge columns. */
  firstEdge(index: number): number {
    return this.edgeStart[index]!;
  }

  edgeCountOf(index: number): number {
    return this.edgeCount[index]!;
  }

  target(edge: number): number {
    return this.targets[edge]!;
  }

  step(edge: number): number {
    return this.steps[edge]!;
  }

  argKey(edge: number): number {
    return this.argKeys[edge]!;
  }

  /** Fairness keys enabled in `index`. */
  enabledKeys(index: number): Int32Array {
    const start = this.fairStart[index]!;
    return this.fairKeys.subarray(start, start + this.fairCount[index]!);
  }

  private ensureState(index: number): void {
    if (index < this.edgeStart.length) return;
    const need = index + 1;
    this.edgeStart = grow(this.edgeStart, need, (n) => new Int32Array(n));
    this.edgeCount = grow(this.edgeCount, need, (n) => new Int32Array(n));
    this.fairStart = grow(this.fairStart, need, (n) => new Int32Array(n));
    this.fairCount = grow(this.fairCount, need, (n) => new Int32Array(n));
    this.terminalFlags = grow(this.terminalFlags, need, (n) => new Uint8Array(n));
    this.bits = grow(this.bits, need, (n) => new Uint32Array(n));
  }
}
