/**
 * The worker threads of a parallel BFS: starts them (each loads the spec itself), pairs every
 * request with its reply (FIFO per worker), turns a worker's crash into a rejected promise
 * instead of a hang, and terminates every worker on close.
 */

import { Worker } from "node:worker_threads";
import { SpecError, UsageError } from "../../errors.js";
import type { Reply, Request, WorkerFault, WorkerInit } from "./protocol.js";

interface Pending {
  resolve(r: Reply): void;
  reject(e: Error): void;
}

/** Rebuilds a worker's error as the same kind of error on the main thread. */
export function reviveFault(f: WorkerFault): Error {
  if (f.code && f.name === "SpecError") return new SpecError(f.code, f.message, f.details ?? []);
  if (f.code && f.name === "UsageError") return new UsageError(f.code, f.message, f.details ?? []);
  return new Error(`parallel BFS worker: ${f.name}: ${f.message}`);
}

/** A fixed set of workers, each with a queue of requests awaiting replies. */
export class WorkerPool {
  private readonly pending: Pending[][];
  private broken: Error | undefined;

  private constructor(private readonly workers: Worker[]) {
    this.pending = workers.map(() => []);
    workers.forEach((w, k) => {
      w.on("message", (r: Reply) => this.pending[k]!.shift()?.resolve(r));
      w.on("error", (e) =>
        this.fail(new Error(`parallel BFS worker ${k} crashed: ${e.message}`, { cause: e })),
      );
      w.on("exit", (code) => this.fail(new Error(`parallel BFS worker ${k} exited (code ${code})`)));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Starts `n` workers and waits until each has compiled the model (or throws its error). */
  static async start(n: number, init: WorkerInit): Promise<WorkerPool> {
    const url = new URL("./worker-entry.js", import.meta.url);
    const pool = new WorkerPool(Array.from({ length: n }, () => new Worker(url, { workerData: init })));
    try {
      const ready = await Promise.all(pool.workers.map((_, k) => pool.expect(k)));
      for (const r of ready) if (r.type === "fault") throw reviveFault(r.error);
      return pool;
    } catch (e) {
      await pool.close();
      throw e;
    }
  }

  /** Sends a request to worker `k`; resolves with its reply. */
  request(k: number, req: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const reply = this.expect(k);
    if (!this.broken) this.workers[k]!.postMessage(req, transfer);
    return reply;
  }

  /** Terminates every worker (idempotent). */
  async close(): Promise<void> {
    this.fail(new Error("parallel BFS workers were closed"));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private expect(k: number): Promise<Reply> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => this.pending[k]!.push({ resolve, reject }));
  }

  private fail(e: Error): void {
    this.broken ??= e;
    for (const queue of this.pending) for (const p of queue.splice(0)) p.reject(this.broken);
  }
}
