/**
 * Liveness properties and fairness, as spec authors write them. Semantics are TLA+'s: a
 * behaviour is infinite, any state may stutter forever unless fairness forbids it, and fairness
 * talks about steps that change the state.
 *
 * - `eventually(p)`        ◇p      — p holds at some point of every fair behaviour.
 * - `alwaysEventually(p)`  □◇p     — p holds infinitely often.
 * - `leadsTo(p, q)`        p ~> q  — whenever p holds, q holds then or later.
 * - `eventuallyAlways(p)`  ◇□p     — from some point on, p holds forever (stabilisation).
 *
 * Fairness names actions: `weak: ["tmCommit"]` is WF(tmCommit) — if the action can take a
 * state-changing step continuously from some point, it eventually does; `strong` is SF — if
 * it is enabled infinitely often, it is taken infinitely often. An action stands for all its
 * arguments together (TLA+'s ∃ over the argument); `each("deliver")` asks for fairness of
 * every argument separately (∀ arg: WF(deliver(arg))), e.g. every message is eventually
 * delivered, not just some message.
 */

/** A state predicate used in a liveness property. */
export type LivePredicate<S, P> = (state: S, params: P) => boolean;

/** A liveness property (build it with `eventually`, `alwaysEventually`, `leadsTo`, `eventuallyAlways`). */
export type LivenessProperty<S, P> =
  | { readonly kind: "eventually"; readonly p: LivePredicate<S, P> }
  | { readonly kind: "alwaysEventually"; readonly p: LivePredicate<S, P> }
  | { readonly kind: "leadsTo"; readonly p: LivePredicate<S, P>; readonly q: LivePredicate<S, P> }
  | { readonly kind: "eventuallyAlways"; readonly p: LivePredicate<S, P> };

/** A fairness entry: an action's name (the action as a whole), or `each(name)`. */
export type FairnessEntry = string | { readonly action: string; readonly each: true };

/** Weak and strong fairness constraints on actions. */
export interface Fairness {
  readonly weak?: readonly FairnessEntry[];
  readonly strong?: readonly FairnessEntry[];
}

/**
 * ◇p: every fair behaviour reaches a state where `p` holds.
 *
 * @example
 * properties: { decides: eventually((s) => s.tm !== "init") }
 */
export function eventually<S, P = unknown>(p: LivePredicate<S, P>): LivenessProperty<S, P> {
  return { kind: "eventually", p };
}

/**
 * □◇p: `p` holds infinitely often on every fair behaviour.
 *
 * @example
 * properties: { leaderAgain: alwaysEventually((s) => s.leader !== null) }
 */
export function alwaysEventually<S, P = unknown>(p: LivePredicate<S, P>): LivenessProperty<S, P> {
  return { kind: "alwaysEventually", p };
}

/**
 * p ~> q: whenever `p` holds, `q` holds then or later, on every fair behaviour.
 *
 * @example
 * properties: { requestsAnswered: leadsTo((s) => s.pending > 0, (s) => s.pending === 0) }
 */
export function leadsTo<S, P = unknown>(
  p: LivePredicate<S, P>,
  q: LivePredicate<S, P>,
): LivenessProperty<S, P> {
  return { kind: "leadsTo", p, q };
}

/**
 * ◇□p: every fair behaviour eventually reaches a point after which `p` always holds.
 *
 * @example
 * properties: { converges: eventuallyAlways((s) => s.replicas.every((r) => r === s.replicas[0])) }
 */
export function eventuallyAlways<S, P = unknown>(p: LivePredicate<S, P>): LivenessProperty<S, P> {
  return { kind: "eventuallyAlways", p };
}

/**
 * Fairness for every argument of an action separately (∀ arg: WF/SF(action(arg))).
 *
 * @example
 * fairness: { weak: [each("deliver")] }
 */
export function each(action: string): { readonly action: string; readonly each: true } {
  return { action, each: true };
}

/** How a liveness property reads, e.g. "eventually(p)", for messages. */
export function describeLiveness(kind: LivenessProperty<unknown, unknown>["kind"]): string {
  switch (kind) {
    case "eventually":
      return "eventually (◇p)";
    case "alwaysEventually":
      return "always eventually (□◇p)";
    case "leadsTo":
      return "leads to (p ~> q)";
    case "eventuallyAlways":
      return "eventually always (◇□p)";
  }
}
