import { describe, expect, it } from "vitest";
import {
  checkCausal,
  checkLinearizable,
  checkSequential,
  checkSessionGuarantees,
  defineModel,
  historyFromJson,
  perKey,
  registerModel,
  type SequentialModel,
  type SessionGuarantee,
  sessionReport,
} from "../../../src/consistency/index.js";
import { dataText } from "../helpers.js";

interface Entry {
  id: string;
  datatype?: string;
  init?: unknown;
  expected: Record<string, boolean>;
  violates: string[];
  satisfies: string[];
}
const load = (file: string): Entry[] => JSON.parse(dataText(`literature/${file}`)).histories;

/** The LIFO stack of the Stateright tests, as a user-supplied model. */
const stackModel: SequentialModel<readonly unknown[]> = defineModel(
  "stack",
  () => [] as readonly unknown[],
  (s, op) => {
    const top = s.length > 0 ? s[s.length - 1] : null;
    if (op.f === "push") return { ok: true, state: [...s, op.value] };
    if (op.f === "pop") return { ok: op.result === undefined || op.result === top, state: s.slice(0, -1) };
    return { ok: op.result === undefined || op.result === s.length, state: s };
  },
);

describe("POPL 2017 causal-consistency figure (causal-popl17.json)", () => {
  const cases = load("causal-popl17.json").flatMap((h) =>
    (["CC", "CM", "CCv", "SC"] as const).map((m) => [h.id, m, h.expected[m]!, h] as const),
  );
  it.each(cases)("history %s: %s = %s", (_id, model, expected, entry) => {
    const history = historyFromJson(entry);
    const r =
      model === "SC" ? checkSequential(history, perKey(registerModel())) : checkCausal(history, model);
    expect(r.ok).toBe(expected);
  });

  it("names the paper's bad patterns", () => {
    const [a, b, c, , e] = load("causal-popl17.json").map((h) => historyFromJson(h));
    const pattern = (r: ReturnType<typeof checkCausal>) => (r.ok ? "" : r.explanation.pattern);
    expect(pattern(checkCausal(a!, "CCv"))).toBe("CyclicCF");
    expect(pattern(checkCausal(b!, "CM"))).toBe("WriteHBInitRead");
    expect(pattern(checkCausal(c!, "CM"))).toBe("CyclicHB");
    expect(pattern(checkCausal(e!, "CC"))).toBe("WriteCORead");
  });
});

describe("Stateright LIN/SC histories (stateright-lin-sc.json)", () => {
  const cases = load("stateright-lin-sc.json").flatMap((h) =>
    (["LIN", "SC"] as const).map((m) => [h.id, m, h.expected[m]!, h] as const),
  );
  it.each(cases)("%s: %s = %s", (_id, model, expected, entry) => {
    const history = historyFromJson(entry);
    const m = (
      entry.datatype === "register" ? registerModel({ initial: entry.init }) : stackModel
    ) as SequentialModel<unknown>;
    const r = model === "LIN" ? checkLinearizable(history, m) : checkSequential(history, m);
    expect(r.ok).toBe(expected);
  });
});

describe("session guarantee examples (session-guarantees-jepsen-causal.json)", () => {
  const entries = load("session-guarantees-jepsen-causal.json");
  const single = (g: string): g is SessionGuarantee => ["RYW", "MR", "MW", "WFR"].includes(g);

  it.each(entries.map((e) => [e.id, e] as const))("%s: each guarantee alone as transcribed", (_id, entry) => {
    const rep = sessionReport(historyFromJson(entry));
    for (const g of entry.violates.filter(single)) expect(rep.each[g].ok, `${g} violated`).toBe(false);
    for (const g of entry.satisfies.filter(single)) expect(rep.each[g].ok, `${g} holds`).toBe(true);
    expect(rep.all.ok).toBe(false);
  });

  it("writes-follow-reads fails only with WFR and MR together, and is not causal", () => {
    const entry = entries.find((e) => e.id === "writes-follow-reads")!;
    const h = historyFromJson(entry);
    const r = checkSessionGuarantees(h, { guarantees: ["WFR", "MR"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.explanation.pattern).toBe("MR+WFR");
    expect(checkCausal(h).ok).toBe(false);
  });

  it("write-read-cycle is a causality cycle (CyclicCO) and reads from its own session's future", () => {
    const h = historyFromJson(entries.find((e) => e.id === "write-read-cycle")!);
    const cc = checkCausal(h);
    expect(cc.ok ? "" : cc.explanation.pattern).toBe("CyclicCO");
    const s = checkSessionGuarantees(h, { guarantees: [] });
    expect(s.ok ? "" : s.explanation.pattern).toBe("ReadFromOwnFuture");
  });
});
