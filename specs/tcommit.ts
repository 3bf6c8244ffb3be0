/**
 * Transaction commit (Lamport's TLA+ spec TCommit.tla, from "Consensus on Transaction Commit").
 *
 * The abstract specification that two-phase commit implements: `rms` resource managers, each
 * working, prepared, committed or aborted, with no transaction manager and no messages. An RM
 * may prepare while working; it may commit once every RM is prepared or committed; it may abort
 * while working or prepared as long as no RM has committed. The property is TCConsistent: no RM
 * commits while another aborts.
 *
 * As in TCommit's published TLC configuration, deadlock checking is off (once every RM has
 * decided, nothing more can happen). TLC's distinct-state count for 3 RMs, 34, is reproduced.
 *
 * Bug: `commitAlone` — an RM commits as soon as it is itself prepared, without waiting for the
 * others; breaks `consistent`.
 */

import { defineSpec, range } from "../src/index.js";

type RMState = "working" | "prepared" | "committed" | "aborted";

interface State {
  rm: RMState[];
}

export default defineSpec({
  name: "tcommit",
  summary: "Lamport's TCommit: the abstract transaction-commit spec that two-phase commit refines.",
  params: {
    rms: { default: 3, min: 1, max: 12, doc: "number of resource managers" },
    bug: { default: "none", values: ["none", "commitAlone"], doc: "inject a known bug" },
  },
  init: ({ rms }): State => ({ rm: Array.from({ length: rms }, () => "working" as RMState) }),
  actions: {
    prepare: {
      doc: "A working RM prepares.",
      over: (_s, { rms }) => range(rms),
      when: (s, r) => s.rm[r] === "working",
      do: (d, r) => {
        d.rm[r] = "prepared";
      },
    },
    decideCommit: {
      doc: "A prepared RM commits, if every RM is prepared or committed (canCommit).",
      over: (_s, { rms }) => range(rms),
      when: (s, r, { bug }) =>
        s.rm[r] === "prepared" &&
        (bug === "commitAlone" || s.rm.every((x) => x === "prepared" || x === "committed")),
      do: (d, r) => {
        d.rm[r] = "committed";
      },
    },
    decideAbort: {
      doc: "A working or prepared RM aborts, if no RM has committed (notCommitted).",
      over: (_s, { rms }) => range(rms),
      when: (s, r) => (s.rm[r] === "working" || s.rm[r] === "prepared") && !s.rm.includes("committed"),
      do: (d, r) => {
        d.rm[r] = "aborted";
      },
    },
  },
  invariants: {
    typeOK: (s, { rms }) =>
      s.rm.length === rms && s.rm.every((r) => ["working", "prepared", "committed", "aborted"].includes(r)),
    consistent: (s) => !(s.rm.includes("committed") && s.rm.includes("aborted")),
  },
  witnesses: {
    allCommit: (s) => s.rm.every((r) => r === "committed"),
    allAbort: (s) => s.rm.every((r) => r === "aborted"),
  },
  deadlock: false,
  bugs: {
    commitAlone: {
      params: { bug: "commitAlone" },
      violates: "consistent",
      doc: "An RM commits when it alone is prepared, while another may abort.",
    },
  },
});
