/**
 * A CDN: edge caches in front of an origin, with TTLs, purges and versioned URLs
 * (docs/protocols/cdn-cache.md).
 *
 * Modelled. An origin o1 serves one asset, a logo, in versions 1, 2, ...; edges e1..eN cache
 * it; each edge has a viewer (v1 at e1, v2 at e2, ...) that asks for the logo (`Get`) over and
 * over. An edge answers from its cache (`Content`) or, on a miss, asks the origin (`Fetch`),
 * caches the answer (`Fill`) with a TTL and serves it. Cached copies age by the edge's clock
 * (`tick`, a timer that fires at any moment) and are dropped after `ttl` ticks. The publisher
 * updates the logo `updates` times (`publish`, a timer at the origin). How viewers get the new
 * version depends on `urls`:
 * - `plain`: the URL stays /logo, so the origin purges it: it sends `Purge(version)` to every
 *   edge, each edge evicts the URL and acknowledges (`PurgeOk`), and the purge is complete when
 *   every edge has acknowledged it.
 * - `versioned`: each version has its own URL (/logo.v2, as a build pipeline fingerprints
 *   assets) and the page links the current one. The origin purges nothing: it publishes the
 *   new page (`Page`, sent to each viewer, stands for the viewer's next load of the uncached
 *   page; until then it still has the old page and asks for /logo.v1). An edge never has
 *   /logo.v2 cached before version 2 exists, and what it has under /logo.v1 is version 1,
 *   forever.
 *
 * Property. `noStaleAfterPurge`: once a purge has completed (acknowledged by every edge), no
 * edge holds, and so none serves, a version older than the purged one under the plain URL; a
 * versioned URL only ever holds its own version. An edge serves whatever it holds to the next
 * viewer that asks, so "holds" is "serves" here.
 *
 * The race and the defence. A fill that the origin answered before the purge can arrive after
 * it: the edge evicted nothing (it had nothing yet), acknowledged, and then caches the old
 * version, which it serves until the TTL runs out. The defence (`staleFills=reject`): each edge
 * remembers the newest purge it has applied, and a fill of an older version is discarded and
 * fetched again. The purge invalidates by the content's own age (its version, as the origin
 * stamped it), not by when the copy entered the cache, which is what the race gets wrong.
 *
 * The TTL trade-off. Without purges, a TTL alone bounds staleness: after an update an edge
 * serves the old version for up to `ttl` ticks, and a shorter TTL costs more fetches from the
 * origin. With the race, the TTL is also what ends the damage: the stale copy is served until
 * it expires, provided the edge's clock keeps ticking (checked as a liveness property in the
 * test). Versioned URLs make copies immutable, so the TTL can be as long as storage allows.
 *
 * Abstracted, and why.
 * - Time is the edges' ticks: abstract and unsynchronised, since a TTL is local to each edge.
 *   Fills carry the origin's version rather than a timestamp (the model's "Last-Modified").
 * - One asset, one viewer per edge, one request outstanding per viewer; an edge collapses
 *   requests for the same URL into one fetch. The page (HTML) itself is not cached: in the
 *   `versioned` scheme it is what must be fresh, and `Page` stands for loading it.
 * - Purges go straight from the origin to the edges (in practice through the CDN's purge API),
 *   over a reliable network that may reorder messages (a bag); no edge crashes, and a purge
 *   that never reaches an edge never completes (so its guarantee is never claimed).
 *
 * Bounds and defaults: 2 edges (each with a viewer), ttl=2, 1 update, urls=plain,
 * staleFills=reject: holds with 2,146 distinct states (urls=versioned: 2,330; pinned in
 * test/specs/cdn-cache.test.ts).
 *
 * Bugs.
 * - `purgeRace` (staleFills=accept): an edge caches any fill. A fill of version 1 started before
 *   the purge lands after it, and the edge serves version 1 after the purge completed, until
 *   the copy's TTL runs out (breaks `noStaleAfterPurge`). With `urls=versioned` the same edges
 *   hold: the late fill lands under /logo.v1, which no current page links.
 */

import { type ActorContext, type ActorState, defineActors, inFlight, type NodeId } from "../src/index.js";

type Msg =
  | { type: "Get"; url: string }
  | { type: "Content"; url: string; version: number }
  | { type: "Fetch"; url: string }
  | { type: "Fill"; url: string; version: number }
  | { type: "Purge"; version: number }
  | { type: "PurgeOk"; version: number }
  | { type: "Page"; version: number };

interface Origin {
  /** The current version of the logo. */
  version: number;
  /** Edges that have not yet acknowledged the current purge, sorted. */
  pending: NodeId[];
  /** The newest version whose purge is complete: versions below it must be gone (1: none). */
  purged: number;
}

interface Copy {
  version: number;
  /** Ticks left before the copy expires. */
  ttl: number;
}

interface Edge {
  /** Cached copies, by URL. */
  cache: Record<string, Copy>;
  /** URLs being fetched from the origin, sorted. */
  fetching: string[];
  /** The URL its viewer is waiting for, or "". */
  waiting: string;
  /** The newest purge this edge has applied: fills of older versions are stale (0: none). */
  purgedBelow: number;
}

interface Viewer {
  /** The version of the page it has loaded: the logo URL it asks for when URLs are versioned. */
  page: number;
  /** Waiting for the logo. */
  waiting: boolean;
}

type Nodes = { origin: Origin; edge: Edge; viewer: Viewer };
type State = ActorState<Nodes, Msg>;

interface Params {
  readonly edges: number;
  readonly ttl: number;
  readonly updates: number;
  readonly urls: string;
  readonly staleFills: string;
}

type Ctx = ActorContext<Msg, keyof Nodes, Params>;

const ORIGIN = "o1";
const PLAIN_URL = "/logo";

const urlOf = (version: number, p: Params): string =>
  p.urls === "versioned" ? `/logo.v${version}` : PLAIN_URL;
/** The version a versioned URL names; undefined for the plain URL. */
const versionOfUrl = (url: string): number | undefined =>
  url === PLAIN_URL ? undefined : Number(url.slice("/logo.v".length));
/** Edge i serves viewer i. */
const edgeOf = (viewer: NodeId): NodeId => `e${viewer.slice(1)}`;
const viewerOf = (edge: NodeId): NodeId => `v${edge.slice(1)}`;

const origin = (s: State): Origin => s.nodes.origin[ORIGIN]!;

/** The update is complete: purged everywhere (plain URL), or published (versioned URLs). */
function updateComplete(s: State, p: Params): boolean {
  const o = origin(s);
  return o.version > 1 && (p.urls === "versioned" || o.purged === o.version);
}

// ---- edges ----------------------------------------------------------------------------------

function fetchFromOrigin(e: Edge, url: string, ctx: Ctx): void {
  if (e.fetching.includes(url)) return; // collapsed into the fetch under way
  e.fetching = [...e.fetching, url].sort();
  ctx.send(ORIGIN, { type: "Fetch", url });
}

// ---- viewers --------------------------------------------------------------------------------

function visit(v: Viewer, ctx: Ctx): void {
  v.waiting = true;
  ctx.send(edgeOf(ctx.self), { type: "Get", url: urlOf(v.page, ctx.params) });
}

export default defineActors({
  name: "cdn-cache",
  summary:
    "An origin and edge caches with TTLs, purges and versioned URLs: after a purge completes, no edge serves the purged version.",
  messages: {} as Msg,
  params: {
    edges: { default: 2, min: 1, max: 3, doc: "edge caches, each with one viewer" },
    ttl: { default: 2, min: 1, max: 4, doc: "ticks a cached copy lives" },
    updates: { default: 1, min: 0, max: 2, doc: "new versions the publisher publishes" },
    urls: {
      default: "plain",
      values: ["plain", "versioned"],
      doc: "one URL, purged on update; or a URL per version, nothing to purge",
    },
    staleFills: {
      default: "reject",
      values: ["reject", "accept"],
      doc: "an edge discards (and refetches) fills older than its last purge, or caches them",
    },
  },
  network: { order: "unordered" },
  nodes: {
    origin: {
      count: 1,
      prefix: "o",
      init: (): Origin => ({ version: 1, pending: [], purged: 1 }),
      onStart(_o, ctx) {
        if (ctx.params.updates > 0) ctx.setTimer("publish");
      },
      onTimer: {
        /** A new version: purge the plain URL everywhere, or publish the page that links the new URL. */
        publish(o, ctx) {
          o.version++;
          if (ctx.params.urls === "versioned") {
            for (const v of ctx.nodes.byKind.viewer) ctx.send(v, { type: "Page", version: o.version });
          } else {
            o.pending = [...ctx.nodes.byKind.edge];
            for (const e of o.pending) ctx.send(e, { type: "Purge", version: o.version });
          }
          if (o.version - 1 < ctx.params.updates) ctx.setTimer("publish");
        },
      },
      onMessage: {
        Fetch(o, m, ctx) {
          ctx.send(ctx.from, { type: "Fill", url: m.url, version: versionOfUrl(m.url) ?? o.version });
        },
        PurgeOk(o, m, ctx) {
          if (m.version !== o.version || !o.pending.includes(ctx.from)) return; // an older purge's
          o.pending = o.pending.filter((e) => e !== ctx.from);
          if (o.pending.length === 0) o.purged = o.version;
        },
      },
    },
    edge: {
      count: (p) => p.edges,
      prefix: "e",
      init: (): Edge => ({ cache: {}, fetching: [], waiting: "", purgedBelow: 0 }),
      onTimer: {
        /** The edge's clock advances: every copy ages, and expired ones are dropped. */
        tick(e, ctx) {
          for (const [url, copy] of Object.entries(e.cache)) {
            copy.ttl--;
            if (copy.ttl === 0) delete e.cache[url];
          }
          if (Object.keys(e.cache).length > 0) ctx.setTimer("tick");
        },
      },
      onMessage: {
        Get(e, m, ctx) {
          const copy = e.cache[m.url];
          if (copy !== undefined)
            return ctx.send(ctx.from, { type: "Content", url: m.url, version: copy.version });
          e.waiting = m.url;
          fetchFromOrigin(e, m.url, ctx);
        },
        Fill(e, m, ctx) {
          e.fetching = e.fetching.filter((url) => url !== m.url);
          if (ctx.params.staleFills === "reject" && m.url === PLAIN_URL && m.version < e.purgedBelow)
            return fetchFromOrigin(e, m.url, ctx); // answered before a purge this edge has applied: stale
          e.cache[m.url] = { version: m.version, ttl: ctx.params.ttl };
          ctx.setTimer("tick");
          if (e.waiting === m.url) {
            e.waiting = "";
            ctx.send(viewerOf(ctx.self), { type: "Content", url: m.url, version: m.version });
          }
        },
        Purge(e, m, ctx) {
          delete e.cache[PLAIN_URL];
          e.purgedBelow = Math.max(e.purgedBelow, m.version);
          if (Object.keys(e.cache).length === 0) ctx.cancelTimer("tick");
          ctx.send(ORIGIN, { type: "PurgeOk", version: m.version });
        },
      },
    },
    viewer: {
      count: (p) => p.edges,
      prefix: "v",
      init: (): Viewer => ({ page: 1, waiting: false }),
      onStart: visit,
      onTimer: {
        /** The viewer loads the page again, and asks for the logo it links. */
        visit(v, ctx) {
          visit(v, ctx);
        },
      },
      onMessage: {
        Content(v, _m, ctx) {
          v.waiting = false;
          ctx.setTimer("visit");
        },
        Page(v, m) {
          v.page = m.version;
        },
      },
    },
  },
  invariants: {
    /** Once a purge is complete, no edge holds (and so serves) a version it purged. */
    noStaleAfterPurge: (s) => {
      const { purged } = origin(s);
      return Object.values(s.nodes.edge).every((e) =>
        Object.entries(e.cache).every(([url, copy]) =>
          url === PLAIN_URL ? copy.version >= purged : copy.version === versionOfUrl(url),
        ),
      );
    },
  },
  witnesses: {
    /** The update completed while a fill of the old version was still on its way to an edge. */
    fillRacedUpdate: (s, p) =>
      updateComplete(s, p) &&
      inFlight(s).some((m) => m.msg.type === "Fill" && m.msg.version < origin(s).version),
    /** After the update completed, an edge served the new version to a viewer. */
    newVersionServed: (s, p) =>
      updateComplete(s, p) &&
      inFlight(s).some((m) => m.msg.type === "Content" && m.msg.version === origin(s).version),
    /**
     * A copy expired: a viewer was served (so its edge cached a copy), and that edge now holds
     * nothing, fetches nothing and has applied no purge, so the TTL removed it.
     */
    copyExpired: (s) =>
      Object.entries(s.nodes.viewer).some(([id, v]) => {
        const e = s.nodes.edge[edgeOf(id)]!;
        return (
          !v.waiting && Object.keys(e.cache).length === 0 && e.fetching.length === 0 && e.purgedBelow === 0
        );
      }),
  },
  bugs: {
    purgeRace: {
      params: { staleFills: "accept" },
      violates: "noStaleAfterPurge",
      doc: "A fill answered before the purge lands after it, and the purged version is cached until its TTL runs out.",
    },
  },
});
