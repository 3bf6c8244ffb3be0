/**
 * The Byzantine generals: Lamport, Shostak and Pease's oral-messages algorithm OM(m)
 * ("The Byzantine Generals Problem", 1982), as a flat state machine
 * (docs/protocols/byzantine-generals.md).
 *
 * Modelled. `generals` generals: the commander C and the lieutenants L1..L(n-1). `traitors` of
 * them are traitors, in every placement (the commander may be one); a loyal commander orders
 * attack or retreat (both are initial states). OM(m) runs in m+1 synchronous rounds. Round 1:
 * the commander sends its order to every lieutenant. Round r+1: every lieutenant relays each
 * value it received in round r along a path of r distinct generals (C, then who relayed it) to
 * every lieutenant not yet on the path — lieutenant i acting as the commander of OM(m-1), and
 * so on down to OM(0). A lieutenant then resolves the tree bottom up: the value of a path is
 * the majority of what it was told along the path and the values it resolved for the path's
 * extensions (OM(m-1) with each other lieutenant as commander); its decision is the value of
 * the path C. Loyal generals follow the algorithm; a traitor sends any value to anyone, a
 * different one to each recipient (equivocation) included, in every combination: each traitor
 * send step branches over every assignment of values to the loyal recipients.
 *
 * Properties (the paper's interactive consistency conditions). `agreement` (IC1): all loyal
 * lieutenants decide the same. `validity` (IC2): if the commander is loyal, every loyal
 * lieutenant decides its order. The paper's theorem: both hold when n >= 3m + 1 and at most m
 * generals are traitors.
 *
 * Abstracted, and why.
 * - Two values, attack and retreat. A traitor that sends nothing is one that sends retreat (the
 *   paper's default for a missing message in a synchronous round), so silence is covered.
 * - Rounds are synchronous and messages are not modelled as a network: OM assumes every message
 *   sent is delivered, the receiver knows who sent it, and absence is detectable (A1-A3).
 * - Messages to traitors are not recorded: a traitor's sends are arbitrary whatever it heard.
 * - Ordering trick. Sends of one round are independent, and a traitor's choices are enumerated
 *   exhaustively, so the order in which the checker takes them does not change which
 *   combinations of values are reachable. The model walks the message tree depth first: C's
 *   round, then for each lieutenant k the sends along paths that start C, k, and then k's
 *   subtree is resolved ("fold") and the values below it forgotten, since only the resolved
 *   value is used from then on. For m=1 this is the round order itself (C, then each
 *   lieutenant's relays, then the decision); for m=2 it keeps OM(2) with 7 generals checkable.
 * - The majority: more attack than retreat values is attack, and the other way round; a tie is
 *   retreat (`tieBreak=retreat`, the paper's RETREAT default) or the value the lieutenant got
 *   directly from the commander of that sub-instance (`tieBreak=commander`).
 *
 * Bounds and defaults: 4 generals, OM(1), 1 traitor, in each of the 4 placements, with both
 * orders for a loyal commander: 7 initial states and every traitor choice, 131 states, which
 * hold (pinned, and derived by hand, in test/specs/byzantine-generals.test.ts). OM(2) with 7
 * generals holds with 1 traitor (10,173 states) and with 2 (2,522,910 states, minutes).
 *
 * Bugs (the 3m + 1 bound, and the m bound).
 * - `threeGenerals` (generals=3): a traitor lieutenant tells the other lieutenant that the
 *   commander said retreat; attack against retreat is a tie, which is retreat: the loyal
 *   lieutenant disobeys a loyal commander (breaks `validity`). With the majority as a function
 *   of the values only, agreement holds at n = 3: both lieutenants see the same two values.
 * - `threeGeneralsTrustCommander` (generals=3, tieBreak=commander): trusting the commander on a
 *   tie repairs that case, and breaks the other one: a traitor commander says attack to L1 and
 *   retreat to L2, each lieutenant's tie goes its own way (breaks `agreement`). Whichever way a
 *   lieutenant breaks the tie, it cannot tell a lying commander from a lying lieutenant: the
 *   paper's impossibility for three generals.
 * - `tooManyTraitors` (traitors=2, with 4 generals and OM(1)): a traitor commander and a traitor
 *   lieutenant together push the two loyal lieutenants apart (breaks `agreement`).
 */

import { defineSpec } from "../src/index.js";

type Value = "attack" | "retreat";

interface State {
  /** The traitors, as general numbers (0 is the commander), ascending. */
  traitors: number[];
  /** The loyal commander's order; null when the commander is a traitor. */
  order: Value | null;
  /** Position in the schedule (below): the next send or fold. */
  step: number;
  /**
   * What loyal lieutenants were told, or have resolved, per path and recipient: "C.L2>L1" is
   * what L1 heard from L2 about what C said. After a fold, a path's entry holds the resolved
   * value and its extensions' entries are gone.
   */
  heard: Record<string, Value>;
  /** Each loyal lieutenant's decision, once the tree is resolved. */
  decision: Record<string, Value>;
}

interface Params {
  readonly generals: number;
  readonly m: number;
  readonly traitors: number;
  readonly tieBreak: string;
}

/** One step of the walk over the message tree: the last general of `path` sends, or a fold. */
interface Task {
  readonly kind: "send" | "fold";
  readonly path: readonly number[];
}

/** What a send step does: the sender and, per loyal recipient, the value it sends along `path`. */
interface Send {
  readonly path: readonly number[];
  readonly traitor: boolean;
  readonly to: readonly (readonly [number, Value])[];
  /** What a loyal sender tells traitors: shown in the label, not kept (a traitor's sends are free). */
  readonly toTraitors: readonly (readonly [number, Value])[];
}

const VALUES: readonly Value[] = ["attack", "retreat"];

const name = (g: number): string => (g === 0 ? "C" : `L${g}`);
const pathKey = (path: readonly number[]): string => path.map(name).join(".");
const entry = (path: readonly number[], to: number): string => `${pathKey(path)}>${name(to)}`;

/** Lieutenants not on `path`: the recipients of a send along it. */
function recipients(path: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let g = 1; g < n; g++) if (!path.includes(g)) out.push(g);
  return out;
}

/**
 * The depth-first walk over OM(m)'s message tree: send along a path, then each extension's
 * subtree, then fold the path. Leaves (paths of m+1 generals) need no fold, except the root of
 * OM(0), whose fold is the decision: the value received from the commander. A pure function of
 * the params, cached per (generals, m).
 */
const schedules = new Map<string, readonly Task[]>();
function schedule(n: number, m: number): readonly Task[] {
  const key = `${n}:${m}`;
  let tasks = schedules.get(key);
  if (tasks === undefined) {
    const out: Task[] = [];
    const walk = (path: number[]): void => {
      out.push({ kind: "send", path });
      if (path.length <= m) for (const k of recipients(path, n)) walk([...path, k]);
      if (path.length <= m || path.length === 1) out.push({ kind: "fold", path });
    };
    walk([0]);
    tasks = out;
    schedules.set(key, tasks);
  }
  return tasks;
}

const isLoyal = (s: State, g: number): boolean => !s.traitors.includes(g);

/** The value a loyal sender relays along `path`: the order, or what it heard along the prefix. */
function loyalValue(s: State, path: readonly number[]): Value {
  const sender = path.at(-1)!;
  if (path.length === 1) return s.order!;
  return s.heard[entry(path.slice(0, -1), sender)]!;
}

/** Every assignment of values to `to`, in a fixed order (attack first). */
function assignments(to: readonly number[]): (readonly [number, Value])[][] {
  let out: (readonly [number, Value])[][] = [[]];
  for (const g of to) out = out.flatMap((a) => VALUES.map((v) => [...a, [g, v] as const]));
  return out;
}

/** The majority of `values`; on a tie, retreat or `own` (the value from the sub-commander). */
function majority(values: readonly Value[], own: Value, tieBreak: string): Value {
  let attack = 0;
  for (const v of values) if (v === "attack") attack++;
  const retreat = values.length - attack;
  if (attack !== retreat) return attack > retreat ? "attack" : "retreat";
  return tieBreak === "commander" ? own : "retreat";
}

function currentTask(s: State, p: Params): Task | undefined {
  return schedule(p.generals, p.m)[s.step];
}

/** Combinations of `k` of 0..n-1, in lexicographic order. */
function combinations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++)
    for (const rest of combinations(n - first - 1, k - 1))
      out.push([first, ...rest.map((g) => g + first + 1)]);
  return out;
}

function describeSend(a: Send): string {
  const who = `${name(a.path.at(-1)!)}${a.traitor ? " (traitor)" : ""}`;
  // What the sender claims: the order itself, or "C said x", "L1 said C said x", ...
  const claim = (v: Value): string =>
    a.path.length === 1
      ? v
      : `${a.path
          .slice(0, -1)
          .reverse()
          .map((g) => `${name(g)} said `)
          .join("")}${v}`;
  const verb = a.path.length === 1 ? "orders" : "tells";
  const to = [
    ...a.to.map(([g, v]) => [g, name(g), v] as const),
    ...a.toTraitors.map(([g, v]) => [g, `${name(g)} (traitor)`, v] as const),
  ].sort((x, y) => x[0] - y[0]);
  if (to.length === 0) return `${who} ${verb} nobody loyal`;
  const groups = new Map<Value, string[]>();
  for (const [, g, v] of to) groups.set(v, [...(groups.get(v) ?? []), g]);
  return `${who} ${verb} ${[...groups].map(([v, gs]) => `${gs.join(", ")}: ${claim(v)}`).join("; ")}`;
}

export default defineSpec({
  name: "byzantine-generals",
  summary:
    "Lamport, Shostak and Pease's oral-messages algorithm OM(m): agreement and validity with traitors, and the 3m+1 bound.",
  params: {
    generals: { default: 4, min: 3, max: 7, doc: "generals: the commander C and lieutenants L1..L(n-1)" },
    m: {
      default: 1,
      min: 0,
      max: 2,
      doc: "rounds of relaying: the algorithm is OM(m), meant for m traitors",
    },
    traitors: { default: 1, min: 0, max: 3, doc: "traitors, in every placement (the commander included)" },
    tieBreak: {
      default: "retreat",
      values: ["retreat", "commander"],
      doc: "a tied majority is retreat (the paper), or the value heard from the sub-commander",
    },
  },
  inits: (p): State[] => {
    if (p.traitors > p.generals) throw new Error(`traitors (${p.traitors}) exceeds generals (${p.generals})`);
    const states: State[] = [];
    for (const traitors of combinations(p.generals, p.traitors))
      for (const order of traitors.includes(0) ? [null] : VALUES)
        states.push({ traitors, order, step: 0, heard: {}, decision: {} });
    return states;
  },
  actions: {
    send: {
      doc: "The last general of the current path sends along it: a loyal one what it heard, a traitor anything.",
      over: (s, p): Send[] => {
        const task = currentTask(s, p);
        if (task?.kind !== "send") return [];
        const all = recipients(task.path, p.generals);
        const to = all.filter((g) => isLoyal(s, g));
        if (isLoyal(s, task.path.at(-1)!)) {
          const v = loyalValue(s, task.path);
          const toTraitors = all.filter((g) => !isLoyal(s, g)).map((g) => [g, v] as const);
          return [{ path: task.path, traitor: false, to: to.map((g) => [g, v] as const), toTraitors }];
        }
        return assignments(to).map((a) => ({ path: task.path, traitor: true, to: a, toTraitors: [] }));
      },
      do: (d, a: Send) => {
        for (const [g, v] of a.to) d.heard[entry(a.path, g)] = v;
        d.step++;
      },
      label: (a: Send) => describeSend(a),
    },
    fold: {
      doc: "Each loyal lieutenant off the path resolves it: the majority of what it heard along it and its extensions.",
      over: (s, p): (readonly number[])[] => {
        const task = currentTask(s, p);
        return task?.kind === "fold" ? [task.path] : [];
      },
      do: (d, path: readonly number[], p) => {
        const root = path.length === 1;
        const lieutenants = recipients(path, p.generals).filter((g) => !d.traitors.includes(g));
        const resolved: [number, Value][] = [];
        for (const j of lieutenants) {
          const own = d.heard[entry(path, j)]!;
          const values = [own];
          if (path.length <= p.m)
            for (const k of recipients(path, p.generals))
              if (k !== j) values.push(d.heard[entry([...path, k], j)]!);
          resolved.push([j, majority(values, own, p.tieBreak)]);
        }
        for (const [j, v] of resolved) {
          if (root) d.decision[name(j)] = v;
          else d.heard[entry(path, j)] = v;
        }
        // The extensions are settled: only the path's resolved values are read from now on. At
        // the root, everything is kept, so that the final state shows what everyone heard.
        if (!root)
          for (const k of recipients(path, p.generals))
            for (const j of recipients([...path, k], p.generals)) delete d.heard[entry([...path, k], j)];
        d.step++;
      },
      label: (path: readonly number[], p) =>
        path.length === 1
          ? "the lieutenants decide"
          : `the lieutenants resolve OM(${p.m + 1 - path.length}) with ${name(path.at(-1)!)} as commander, below ${pathKey(path)}`,
    },
  },
  invariants: {
    /** IC1: all loyal lieutenants decide the same. */
    agreement: (s) => new Set(Object.values(s.decision)).size <= 1,
    /** IC2: if the commander is loyal, every loyal lieutenant decides its order. */
    validity: (s) => s.order === null || Object.values(s.decision).every((v) => v === s.order),
  },
  witnesses: {
    /** A traitor told two loyal lieutenants different things along the same path. */
    traitorEquivocated: (s, p) => {
      const task = schedule(p.generals, p.m)[s.step - 1];
      if (task?.kind !== "send" || isLoyal(s, task.path.at(-1)!)) return false;
      const sent = recipients(task.path, p.generals)
        .filter((g) => isLoyal(s, g))
        .map((g) => s.heard[entry(task.path, g)]);
      return new Set(sent).size > 1;
    },
    /** A traitor commander equivocated, and the loyal lieutenants still agreed. */
    agreedDespiteTraitorCommander: (s, p) =>
      s.order === null &&
      new Set(Object.values(s.decision)).size === 1 &&
      new Set(
        recipients([0], p.generals)
          .filter((g) => isLoyal(s, g))
          .map((g) => s.heard[entry([0], g)]),
      ).size > 1,
    /** A traitor lieutenant's relay contradicted a loyal commander, who was obeyed anyway. */
    obeyedDespiteLyingLieutenant: (s, p) =>
      s.order !== null &&
      Object.keys(s.decision).length > 0 &&
      Object.values(s.decision).every((v) => v === s.order) &&
      s.traitors.some((t) =>
        recipients([0, t], p.generals).some((j) => {
          const relayed = s.heard[entry([0, t], j)];
          return isLoyal(s, j) && relayed !== undefined && relayed !== s.order;
        }),
      ),
  },
  deadlock: false,
  bugs: {
    threeGenerals: {
      params: { generals: 3 },
      violates: "validity",
      doc: "n = 3 < 3m+1: a lying lieutenant ties the vote, and the tie goes against a loyal commander.",
    },
    threeGeneralsTrustCommander: {
      params: { generals: 3, tieBreak: "commander" },
      violates: "agreement",
      doc: "n = 3, ties go to the commander's word: a traitor commander splits the lieutenants.",
    },
    tooManyTraitors: {
      params: { traitors: 2 },
      violates: "agreement",
      doc: "Two traitors among 4 generals, more than OM(1) tolerates: the loyal lieutenants disagree.",
    },
  },
});
