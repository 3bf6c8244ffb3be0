import { defineSpec, range } from "specter";

type Pc = "idle" | "ready" | "critical";

export default defineSpec({
  name: "naive-mutex",
  summary: "Two processes guard a critical section by checking, then raising, a flag: a race.",
  params: { procs: 2 },
  init: ({ procs }) => ({ pc: Array<Pc>(procs).fill("idle"), flag: Array<boolean>(procs).fill(false) }),
  actions: {
    check: {
      over: (_s, { procs }) => range(procs),
      when: (s, p) => s.pc[p] === "idle" && s.flag.every((raised, q) => q === p || !raised),
      do: (d, p) => void (d.pc[p] = "ready"),
    },
    enter: {
      over: (_s, { procs }) => range(procs),
      when: (s, p) => s.pc[p] === "ready",
      do: (d, p) => void ((d.flag[p] = true), (d.pc[p] = "critical")),
    },
    exit: {
      over: (_s, { procs }) => range(procs),
      when: (s, p) => s.pc[p] === "critical",
      do: (d, p) => void ((d.flag[p] = false), (d.pc[p] = "idle")),
    },
  },
  invariants: { mutualExclusion: (s) => s.pc.filter((pc) => pc === "critical").length <= 1 },
  witnesses: { someoneEnters: (s) => s.pc.includes("critical") },
});
