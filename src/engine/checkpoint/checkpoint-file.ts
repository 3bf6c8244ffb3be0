/**
 * The checkpoint file on disk: `DIR/checkpoint.bin`, a header line (format name and version), a
 * line with the SHA-256 of the payload, then the payload (`node:v8` serialisation). Written to a
 * temporary file, synced and renamed over the old one, so an interrupted write never leaves a
 * half checkpoint; read back only when the header and checksum are right.
 */

import { createHash } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { describeThrown, UsageError } from "../../errors.js";

const FILE = "checkpoint.bin";
const HEADER = "specter-checkpoint 1\n";
const HASH_LINE = 65; // 64 hex digits and a newline

/** The path of the checkpoint file in `dir`. */
export function checkpointPath(dir: string): string {
  return join(dir, FILE);
}

function sha256(payload: Uint8Array): string {
  return createHash("sha256").update(payload).digest("hex");
}

/** Writes `payload` as the checkpoint of `dir` atomically (creating `dir`); SPC-U013 on failure. */
export function writeCheckpointFile(dir: string, payload: Uint8Array): void {
  const target = checkpointPath(dir);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, `${HEADER}${sha256(payload)}\n`);
      writeSync(fd, payload);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UsageError("SPC-U013", `cannot write checkpoint ${target}: ${describeThrown(e)}`);
  }
}

/** Reads and verifies the checkpoint of `dir`; SPC-U015 when it is missing or damaged. */
export function readCheckpointFile(dir: string): Buffer {
  const path = checkpointPath(dir);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new UsageError(
      "SPC-U015",
      missing
        ? `no checkpoint at ${path}: give the directory a run with --checkpoint wrote to`
        : `cannot read checkpoint ${path}: ${describeThrown(e)}`,
    );
  }
  const head = data.subarray(0, HEADER.length).toString("latin1");
  if (head !== HEADER)
    throw new UsageError("SPC-U015", `${path} is not a Specter checkpoint (or one of another version)`);
  const hashEnd = HEADER.length + HASH_LINE;
  const hash = data.subarray(HEADER.length, hashEnd - 1).toString("latin1");
  const payload = data.subarray(hashEnd);
  if (data.length < hashEnd || hash !== sha256(payload))
    throw new UsageError(
      "SPC-U015",
      `checkpoint ${path} is corrupt (checksum mismatch): it cannot be resumed`,
    );
  return payload;
}
