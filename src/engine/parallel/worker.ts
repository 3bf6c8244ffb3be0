/**
 * A parallel-BFS worker: compiles the same model as the main thread (spec file + params + bug)
 * and runs the one explorer core on its segment of each BFS level. Its explorer has a visited set
 * of its own, used only to drop successors it has already sent (within the level, or in an
 * earlier one): everything it sent is in the main thread's set by the end of the level, so no
 * state the main thread would call new is ever dropped. The main thread decides which candidates
 * are new, assigns their indices and keeps parent pointers; the worker keeps the new ones' states
 * as its segment of the next level, so states do not cross threads on the hot path.
 */

import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { describeThrown, isSpecterError, UsageError } from "../../errors.js";
import { isSpec, type Spec } from "../../spec/define-spec.js";
import { compileSpec, type Model } from "../../spec/model.js";
import { Explorer } from "../explorer.js";
import { resolveCheckOptions } from "../options.js";
import type { Candidates, ExplorerConfig, Reply, Request, WorkerFault, WorkerInit } from "./protocol.js";

const port = parentPort!;
const init = workerData as WorkerInit;

let model: Model<unknown>;
let explorer: Explorer<unknown>;
/** This worker's contiguous slice of the current level, in level order. */
let segment: unknown[] = [];
/** States of the last expansion's candidates, until the main thread says which are new. */
let candidates: unknown[] = [];

function faultOf(e: unknown): WorkerFault {
  if (e instanceof Error) {
    const { code, details } = e as { code?: WorkerFault["code"]; details?: readonly string[] };
    return { name: e.name, message: e.message, ...(code ? { code } : {}), ...(details ? { details } : {}) };
  }
  return { name: "Error", message: String(e) };
}

/** Imports the spec module as the CLI's loader does (which the engine may not depend on). */
async function importSpec(file: string): Promise<Spec> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    if (isSpecterError(e)) throw e;
    throw new UsageError("SPC-U009", `could not load ${file} in a worker: ${describeThrown(e)}`);
  }
  if (!isSpec(mod.default)) throw new UsageError("SPC-U003", `${file} does not default-export a spec`);
  return mod.default;
}

function load(config: ExplorerConfig, states: readonly unknown[]): void {
  explorer = new Explorer(
    model,
    resolveCheckOptions({
      strategy: "bfs",
      symmetry: init.symmetry,
      deadlock: config.deadlock,
      only: config.only,
      continue: true,
    }),
  );
  for (const w of config.reached) explorer.witnessAt[w] = 0;
  segment = [...states];
  candidates = [];
}

/** A growable typed column. */
class Column<T extends Uint32Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

function expand(): { reply: Candidates; transfer: ArrayBuffer[] } {
  const ex = explorer;
  const base = ex.set.size;
  const foundBefore = ex.found.length;
  const generatedBefore = ex.generated;
  const enabledBefore = ex.enabledCount.slice();
  const witnessBefore = ex.witnessAt.slice();
  const parent = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  candidates = [];
  let p = 0;
  const sink = (_idx: number, s: unknown) => {
    candidates.push(s);
    parent.push(p);
  };
  for (; p < segment.length; p++) ex.expand(p, segment[p], sink);
  const n = candidates.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const step = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = ex.set.hi(base + i);
    lo[i] = ex.set.lo(base + i);
    step[i] = ex.set.step(base + i);
  }
  const enabled = ex.enabledCount.slice();
  for (let a = 0; a < enabled.length; a++) enabled[a]! -= enabledBefore[a]!;
  const witnesses: [number, number][] = [];
  ex.witnessAt.forEach((at, w) => {
    if (witnessBefore[w] === -1 && at >= 0) witnesses.push([w, at - base]);
  });
  const parents = parent.done();
  return {
    reply: {
      type: "candidates",
      hi,
      lo,
      parent: parents,
      step,
      generated: ex.generated - generatedBefore,
      enabled,
      triggered: ex.found.length > foundBefore,
      witnesses,
    },
    transfer: [hi.buffer, lo.buffer, parents.buffer, step.buffer, enabled.buffer],
  };
}

function handle(req: Request): { reply: Reply; transfer?: ArrayBuffer[] } {
  switch (req.type) {
    case "load":
      load(req.config, req.states);
      return { reply: { type: "done", size: segment.length } };
    case "expand":
      return expand();
    case "commit": {
      const keep: unknown[] = [];
      for (let i = 0; i < candidates.length; i++) if (req.assigned[i]! >= 0) keep.push(candidates[i]);
      segment = keep;
      candidates = [];
      return { reply: { type: "done", size: segment.length } };
    }
    case "take": {
      const head = segment.slice(0, req.head);
      const tail = req.tail > 0 ? segment.slice(segment.length - req.tail) : [];
      segment = segment.slice(req.head, segment.length - req.tail);
      return { reply: { type: "states", head, tail } };
    }
    case "give":
      segment = [...req.head, ...segment, ...req.tail];
      return { reply: { type: "done", size: segment.length } };
    case "states":
      return { reply: { type: "states", head: segment, tail: [] } };
  }
}

try {
  model = compileSpec(await importSpec(init.specFile), {
    params: init.params,
    bug: init.bug,
    freezeStates: init.freezeStates,
  });
  port.postMessage({ type: "ready" } satisfies Reply);
} catch (e) {
  port.postMessage({ type: "fault", error: faultOf(e) } satisfies Reply);
}

port.on("message", (req: Request) => {
  let out: { reply: Reply; transfer?: ArrayBuffer[] };
  try {
    out = handle(req);
  } catch (e) {
    candidates = [];
    out = { reply: { type: "fault", error: faultOf(e) } };
  }
  try {
    port.postMessage(out.reply, out.transfer ?? []);
  } catch (e) {
    // A state that cannot be cloned (it would not be plain data): report it rather than hang.
    port.postMessage({ type: "fault", error: faultOf(e) } satisfies Reply);
  }
});
