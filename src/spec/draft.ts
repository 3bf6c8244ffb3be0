/**
 * The one module that imports immer (STYLE.md: each third-party library in one place).
 * Actions mutate an immer draft; `produce` returns the same reference when nothing changed,
 * which is how the engine recognises a stutter step without hashing it. Produced states are
 * frozen (immer's autoFreeze), so unchanged subtrees are shared between states and are safe to
 * keep by reference.
 */

import { enableMapSet, freeze, type Draft as ImmerDraft, produce } from "immer";

enableMapSet();

/** The mutable view of a state that an action's `do` receives. */
export type Draft<S> = ImmerDraft<S>;

/**
 * Applies `recipe(draft, arg, params)` to `state` and returns the next state (the same
 * reference when the recipe changed nothing). The recipe's return value is ignored, so
 * `do: (d) => (d.x = 1)` works as expected.
 */
export function applyRecipe<S, A, P>(
  state: S,
  recipe: (draft: Draft<S>, arg: A, params: P) => unknown,
  arg: A,
  params: P,
): S {
  return produce(state, (draft: Draft<S>) => {
    recipe(draft, arg, params);
  });
}

/** Deep-freezes a state built outside immer (initial states), so it can be shared like produced ones. */
export function deepFreeze<S>(state: S): S {
  return freeze(state, true);
}
