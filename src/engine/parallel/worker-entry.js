// Entry point of a parallel-BFS worker thread. It runs before any TypeScript can be loaded, so it
// registers tsx's loader (as bin/specter.js does for the main thread) and then loads the worker
// proper, which imports the user's .ts spec file like the main thread did.
import { register } from "tsx/esm/api";

register();
await import(new URL("./worker.ts", import.meta.url).href);
