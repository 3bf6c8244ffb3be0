/**
 * The one module that imports immer (STYLE.md: each third-party library in one place).
 * Actions mutate an immer draft; `produce` returns the same reference when nothing changed,
 * which is how the engine recognises a stutter step without hashing it. Unchanged subtrees are
 * shared between states by reference.
 *
 * Two ways to produce (ADR 0007, measured in docs/performance.md):
 * - **guarded**: immer's development build with autoFreeze, so every produced state is deeply
 *   frozen and spec code that mutates a state outside an action's `do` (in `when`, an
 *   invariant, a view) fails at once, at the culprit, with immer's own clear message.
 * - **fast**: immer's production build (no development checks, whose `process.env` reads sit in
 *   the proxy traps) without autoFreeze. Freezing is a third of the cost of a step, and V8 copies
 *   a frozen array about 30× slower than a plain one. Produced states are then not frozen: the
 *   engine never mutates them, and the guarded phase has already run the spec's code.
 *
 * A `StateProducer` runs its first `guardedSteps` productions guarded and the rest fast
 * (`freezeStates` keeps every step guarded). A fast step that throws is run again guarded, so
 * the error the user sees is the development build's, never a minified code.
 */

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as immer from "immer";

/** The mutable view of a state that an action's `do` receives. */
export type Draft<S> = immer.Draft<S>;

type ImmerModule = typeof immer;

/**
 * immer's production build: the same code with its development checks compiled out. Node
 * resolves `import "immer"` to the development build (immer leaves `process.env.NODE_ENV` for
 * bundlers to replace); the package ships the production build beside it for direct use.
 * When it cannot be loaded the development build serves both ways (slower, same results).
 */
async function loadProductionBuild(): Promise<ImmerModule> {
  try {
    const pkg = createRequire(import.meta.url).resolve("immer/package.json");
    const url = pathToFileURL(join(dirname(pkg), "dist", "immer.production.mjs")).href;
    const mod = (await import(url)) as ImmerModule;
    return typeof mod.Immer === "function" && typeof mod.enableMapSet === "function" ? mod : immer;
  } catch {
    return immer;
  }
}

const production = await loadProductionBuild();
immer.enableMapSet();
production.enableMapSet();

const guarded = new immer.Immer({ autoFreeze: true });
const fast = new production.Immer({ autoFreeze: false });

/** Steps produced guarded (frozen states) before a producer switches to the fast way. */
export const GUARDED_STEPS = 10_000;

/** Applies action recipes to states, guarded for the first steps and fast afterwards. */
export class StateProducer {
  private guardedLeft: number;
  // The step being produced: kept in fields so that `run` is created once, not per step.
  private recipe: (draft: never, arg: unknown, params: unknown) => unknown = () => undefined;
  private arg: unknown;
  private params: unknown;
  private readonly run = (draft: unknown): void => {
    this.recipe(draft as never, this.arg, this.params);
  };

  /** @param freezeStates keep every produced state frozen (all steps guarded). */
  constructor(freezeStates = false) {
    this.guardedLeft = freezeStates ? Number.POSITIVE_INFINITY : GUARDED_STEPS;
  }

  /** Whether the next step is produced guarded (its result deeply frozen). */
  get guarding(): boolean {
    return this.guardedLeft > 0;
  }

  /**
   * Applies `recipe(draft, arg, params)` to `state` and returns the next state (the same
   * reference when the recipe changed nothing). The recipe's return value is ignored, so
   * `do: (d) => (d.x = 1)` works as expected.
   */
  apply<S, A, P>(state: S, recipe: (draft: Draft<S>, arg: A, params: P) => unknown, arg: A, params: P): S {
    this.recipe = recipe as (draft: never, arg: unknown, params: unknown) => unknown;
    this.arg = arg;
    this.params = params;
    if (this.guardedLeft > 0) {
      this.guardedLeft--;
      return guarded.produce(state, this.run) as S;
    }
    try {
      return fast.produce(state, this.run) as S;
    } catch (e) {
      // Actions are deterministic: the guarded run throws the same error, with a clear message.
      guarded.produce(state, this.run);
      throw e;
    }
  }
}

/** Applies a recipe once, guarded (for states built outside a search, e.g. the actors' start). */
export function applyRecipe<S, A, P>(
  state: S,
  recipe: (draft: Draft<S>, arg: A, params: P) => unknown,
  arg: A,
  params: P,
): S {
  return guarded.produce(state, (draft: Draft<S>) => {
    recipe(draft, arg, params);
  });
}

/** Deep-freezes a state built outside immer (initial states), so it can be shared like produced ones. */
export function deepFreeze<S>(state: S): S {
  return immer.freeze(state, true);
}
