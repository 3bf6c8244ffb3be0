/**
 * Two-phase commit (Gray; Lamport's TLA+ spec TwoPhase.tla, from "Consensus on Transaction
 * Commit", Gray & Lamport 2006).
 *
 * A transaction manager (TM) and `rms` resource managers (RMs). Each RM is working, prepared,
 * committed or aborted. An RM may prepare (sending "Prepared") or choose to abort while working;
 * the TM collects Prepared messages and commits once every RM has prepared, or aborts at any
 * time before that; RMs follow the TM's decision when its message arrives.
 *
 * Modelled exactly as TwoPhase.tla: messages are a set that only grows (a message, once sent,
 * can be received any number of times, in any order: loss, duplication and reordering are all
 * covered), and a receive that changes nothing is a stutter. TLC's published distinct-state
 * counts are reproduced exactly: 288 (3 RMs), 1,568 (4), 8,832 (5), 50,816 (6), 296,448 (7).
 *
 * Symmetry: the RMs are interchangeable, so `symmetry` lets the checker store one state per
 * orbit (rms=5: 314 orbits instead of 8,832 states) with `-p symmetric=true`. It is a param,
 * off by default, so that the default counts stay TLC's published ones.
 *
 * Liveness: under weak fairness of every action, every RM eventually commits or aborts
 * (`everyoneDecides`). Without fairness a behaviour may stop anywhere (TLA+ stuttering).
 *
 * Bugs: `commitEarly` — the TM commits as soon as one RM has prepared; `abortAfterPrepare` — an
 * RM that has voted to commit may still abort on its own. Both break `consistent`.
 */

import { defineSpec, eventually, range } from "../src/index.js";

type RMState = "working" | "prepared" | "committed" | "aborted";

interface State {
  /** Each resource manager's state. */
  rm: RMState[];
  tm: "init" | "committed" | "aborted";
  /** RMs from which the TM has received a Prepared message. */
  tmPrepared: Set<number>;
  /** Messages ever sent: "prepared:<rm>", "commit", "abort". */
  msgs: Set<string>;
}

export default defineSpec({
  name: "two-phase-commit",
  summary:
    "Gray & Lamport's two-phase commit (TLA+ TwoPhase): a transaction manager and N resource managers.",
  params: {
    rms: { default: 3, min: 1, max: 12, doc: "number of resource managers" },
    bug: { default: "none", values: ["none", "commitEarly", "abortAfterPrepare"], doc: "inject a known bug" },
    symmetric: { default: false, doc: "reduce by RM symmetry (TLC's published counts are without)" },
  },
  init: ({ rms }): State => ({
    rm: Array.from({ length: rms }, () => "working" as RMState),
    tm: "init",
    tmPrepared: new Set(),
    msgs: new Set(),
  }),
  actions: {
    tmRcvPrepared: {
      doc: "The TM receives a Prepared message from an RM.",
      over: (_s, { rms }) => range(rms),
      when: (s, rm) => s.tm === "init" && s.msgs.has(`prepared:${rm}`),
      do: (d, rm) => {
        d.tmPrepared.add(rm);
      },
    },
    tmCommit: {
      doc: "The TM commits once every RM has prepared (with bug commitEarly: once any has).",
      when: (s, _a, { rms, bug }) =>
        s.tm === "init" && (bug === "commitEarly" ? s.tmPrepared.size > 0 : s.tmPrepared.size === rms),
      do: (d) => {
        d.tm = "committed";
        d.msgs.add("commit");
      },
    },
    tmAbort: {
      doc: "The TM aborts (spontaneously, e.g. on a timeout).",
      when: (s) => s.tm === "init",
      do: (d) => {
        d.tm = "aborted";
        d.msgs.add("abort");
      },
    },
    rmPrepare: {
      doc: "A working RM prepares and tells the TM.",
      over: (_s, { rms }) => range(rms),
      when: (s, rm) => s.rm[rm] === "working",
      do: (d, rm) => {
        d.rm[rm] = "prepared";
        d.msgs.add(`prepared:${rm}`);
      },
    },
    rmChooseToAbort: {
      doc: "A working RM decides to abort (with bug abortAfterPrepare: a prepared one may too).",
      over: (_s, { rms }) => range(rms),
      when: (s, rm, { bug }) =>
        s.rm[rm] === "working" || (bug === "abortAfterPrepare" && s.rm[rm] === "prepared"),
      do: (d, rm) => {
        d.rm[rm] = "aborted";
      },
    },
    rmRcvCommitMsg: {
      doc: "An RM receives the TM's Commit.",
      over: (_s, { rms }) => range(rms),
      when: (s) => s.msgs.has("commit"),
      do: (d, rm) => {
        d.rm[rm] = "committed";
      },
    },
    rmRcvAbortMsg: {
      doc: "An RM receives the TM's Abort.",
      over: (_s, { rms }) => range(rms),
      when: (s) => s.msgs.has("abort"),
      do: (d, rm) => {
        d.rm[rm] = "aborted";
      },
    },
  },
  invariants: {
    /** TPTypeOK: every variable holds a value of its type. */
    typeOK: (s, { rms }) =>
      s.rm.length === rms &&
      s.rm.every((r) => r === "working" || r === "prepared" || r === "committed" || r === "aborted") &&
      [...s.tmPrepared].every((r) => r >= 0 && r < rms),
    /** TCConsistent: no RM has committed while another has aborted. */
    consistent: (s) => !(s.rm.includes("committed") && s.rm.includes("aborted")),
  },
  properties: {
    /** Every RM eventually reaches a decision. */
    everyoneDecides: eventually((s: State) => s.rm.every((r) => r === "committed" || r === "aborted")),
  },
  fairness: {
    weak: [
      "tmRcvPrepared",
      "tmCommit",
      "tmAbort",
      "rmPrepare",
      "rmChooseToAbort",
      "rmRcvCommitMsg",
      "rmRcvAbortMsg",
    ],
  },
  // Resource managers are interchangeable: renaming them changes nothing that matters. Every
  // fact about RM i is its "profile" (its state, whether the TM has its vote, whether its vote
  // was sent), so the sorted profiles plus the TM's state and decision messages identify the
  // orbit exactly. rms=5 has 314 orbits (a brute-force enumeration over all 120 renamings
  // agrees; test/specs/two-phase-commit.test.ts checks this against `permute`).
  symmetry: {
    size: ({ rms, symmetric }) => (symmetric ? rms : 1),
    canonical: (s) => ({
      rms: s.rm
        .map((r, i) => `${r}:${s.tmPrepared.has(i) ? 1 : 0}:${s.msgs.has(`prepared:${i}`) ? 1 : 0}`)
        .sort(),
      tm: s.tm,
      commit: s.msgs.has("commit"),
      abort: s.msgs.has("abort"),
    }),
  },
  witnesses: {
    transactionCommits: (s) => s.rm.every((r) => r === "committed"),
    transactionAborts: (s) => s.tm === "aborted" && s.rm.every((r) => r === "aborted"),
  },
  bugs: {
    commitEarly: {
      params: { bug: "commitEarly" },
      violates: "consistent",
      doc: "The TM commits after the first Prepared; a slower RM may abort meanwhile.",
    },
    abortAfterPrepare: {
      params: { bug: "abortAfterPrepare" },
      violates: "consistent",
      doc: "A prepared RM aborts on its own after promising to commit.",
    },
  },
});
