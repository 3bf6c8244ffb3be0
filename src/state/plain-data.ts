/**
 * What a state may contain, and the slow walk that finds the first thing it may not. States
 * are plain data: objects with Object.prototype (or null), arrays, strings, finite numbers,
 * booleans, null, bigint, and `Map` / `Set` whose keys and elements are not objects (a JS Set
 * compares objects by reference, which silently turns a set of messages into a multiset).
 * Object properties whose value is `undefined` are treated as absent (as in JSON and ITF).
 *
 * The fingerprint walk is the fast path and does not track where it is; when it meets
 * something it cannot hash it calls `explainNonPlain` on the whole state, which walks again
 * with a path so the message can say exactly where the bad value sits.
 */

export interface NonPlainFinding {
  /** Path into the state, e.g. `state.nodes[2].log` or `state.msgs{...}`. */
  readonly path: string;
  /** What was found there. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

/** Nesting deeper than this is treated as a probable cycle or runaway structure. */
export const MAX_DEPTH = 200;

/** Returns whether `v` is an object literal / `Object.create(null)` object. */
export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describeClass(v: object): string {
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name ? `an instance of class ${ctor.name}` : "an object with a custom prototype";
}

function checkLeaf(v: unknown, path: string): NonPlainFinding | undefined {
  switch (typeof v) {
    case "number":
      if (!Number.isFinite(v))
        return {
          path,
          problem: `the number ${v}`,
          fix: "use a finite number (NaN and Infinity have no stable identity), or null",
        };
      return undefined;
    case "function":
      return {
        path,
        problem: "a function",
        fix: "store data, not behaviour: keep functions out of the state",
      };
    case "symbol":
      return { path, problem: "a symbol", fix: "use a string instead of a symbol" };
    case "undefined":
      return { path, problem: "undefined", fix: "use null for 'no value' inside arrays, Sets and Maps" };
    default:
      return undefined;
  }
}

/**
 * Finds the first value in `root` that is not plain data, with its path; undefined when the
 * whole value is plain. Slow on purpose (tracks paths and ancestors): only used to explain.
 */
export function explainNonPlain(root: unknown, rootName = "state"): NonPlainFinding | undefined {
  const ancestors: object[] = [];
  const visit = (v: unknown, path: string, inArray: boolean): NonPlainFinding | undefined => {
    if (v === undefined && !inArray) return undefined;
    if (v === null || typeof v !== "object") return checkLeaf(v, path);
    if (ancestors.includes(v))
      return { path, problem: "a cycle (this object contains itself)", fix: "states must be trees" };
    if (ancestors.length >= MAX_DEPTH)
      return { path, problem: `nesting deeper than ${MAX_DEPTH} levels`, fix: "flatten the state" };
    ancestors.push(v);
    try {
      return visitObject(v, path);
    } finally {
      ancestors.pop();
    }
  };
  const visitObject = (v: object, path: string): NonPlainFinding | undefined => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const f = visit(v[i], `${path}[${i}]`, true);
        if (f) return f;
      }
      return undefined;
    }
    if (v instanceof Set) return visitSet(v, path);
    if (v instanceof Map) return visitMap(v, path);
    if (!isPlainObject(v))
      return {
        path,
        problem: describeClass(v),
        fix: "convert it to plain data (objects, arrays, strings, numbers, booleans, null, Map, Set)",
      };
    for (const key of Object.keys(v)) {
      const f = visit((v as Record<string, unknown>)[key], `${path}.${key}`, false);
      if (f) return f;
    }
    return undefined;
  };
  const visitSet = (v: Set<unknown>, path: string): NonPlainFinding | undefined => {
    for (const e of v) {
      if (e !== null && typeof e === "object")
        return {
          path: `${path}{…}`,
          problem: "a Set element that is an object (Sets compare objects by reference)",
          fix: "store a string or number key instead (e.g. the message type and sender joined into one string), or use an array",
        };
      const f = visit(e, `${path}{${String(e)}}`, true);
      if (f) return f;
    }
    return undefined;
  };
  const visitMap = (v: Map<unknown, unknown>, path: string): NonPlainFinding | undefined => {
    for (const [k, val] of v) {
      if (k !== null && typeof k === "object")
        return {
          path: `${path}<key>`,
          problem: "a Map key that is an object (Maps compare keys by reference)",
          fix: "use a string or number key instead",
        };
      const f =
        visit(k, `${path}<key>`, true) ??
        visit(val, `${path}.get(${typeof k === "string" ? JSON.stringify(k) : String(k)})`, true);
      if (f) return f;
    }
    return undefined;
  };
  return visit(root, rootName, true);
}
