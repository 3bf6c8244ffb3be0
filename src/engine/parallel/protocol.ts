/**
 * The messages between the main thread and the parallel-BFS workers. Every request gets exactly
 * one reply, in order, so the main thread can pair them with a FIFO of pending promises.
 * Fingerprints and step codes travel as transferred typed arrays; states travel (rarely: load,
 * rebalance, replay) as structured clones, which keep Map and Set, all a state may hold.
 */

import type { ErrorCode } from "../../errors.js";
import type { ParamValue } from "../../spec/types.js";

/** What a worker needs to compile the same model as the main thread (`workerData`). */
export interface WorkerInit {
  /** Absolute path of the spec's module (its default export is the spec). */
  readonly specFile: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | undefined;
  readonly symmetry: boolean;
  readonly freezeStates: boolean;
}

/** How a worker's explorer checks, decided by the main thread (shrinks as properties are violated). */
export interface ExplorerConfig {
  /** The invariants and action invariants still to check. */
  readonly only: readonly string[];
  readonly deadlock: boolean;
  /** Witnesses (by position) already reached: not tested again. */
  readonly reached: readonly number[];
}

export type Request =
  /** Replace the explorer (fresh local set) and the frontier segment. */
  | { readonly type: "load"; readonly config: ExplorerConfig; readonly states: readonly unknown[] }
  /** Expand the segment; reply with the candidates (locally new successors). */
  | { readonly type: "expand" }
  /** Keep the candidates whose global index is >= 0 as the next segment. */
  | { readonly type: "commit"; readonly assigned: Int32Array }
  /** Remove and return `head` states from the front and `tail` from the back of the segment. */
  | { readonly type: "take"; readonly head: number; readonly tail: number }
  /** Prepend `head` and append `tail` to the segment. */
  | { readonly type: "give"; readonly head: readonly unknown[]; readonly tail: readonly unknown[] }
  /** Return the whole segment (for a sequential replay of the level). */
  | { readonly type: "states" };

/** An error thrown in a worker, in a form that crosses threads. */
export interface WorkerFault {
  readonly name: string;
  readonly code?: ErrorCode;
  readonly message: string;
  readonly details?: readonly string[];
}

/** The successors a worker found in one level that were new to it, in its expansion order. */
export interface Candidates {
  readonly type: "candidates";
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  /** Position of the parent in the worker's segment. */
  readonly parent: Int32Array;
  readonly step: Uint32Array;
  /** Successors generated in this level (TLC's "generated"), and per-action enabled counts. */
  readonly generated: number;
  readonly enabled: Float64Array;
  /** A property (invariant, action invariant, deadlock) failed in this level: replay it. */
  readonly triggered: boolean;
  /** [witness, candidate position]: the first candidate where a not-yet-reached witness holds. */
  readonly witnesses: readonly (readonly [number, number])[];
}

export type Reply =
  | { readonly type: "ready" }
  | { readonly type: "done"; readonly size: number }
  | Candidates
  | { readonly type: "states"; readonly head: readonly unknown[]; readonly tail: readonly unknown[] }
  | { readonly type: "fault"; readonly error: WorkerFault };
