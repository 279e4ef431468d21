import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { tryLock, unlock } from "fs-native-extensions";

/**
 * PGlite is one process's database: a second process opening the same data dir corrupts it.
 * The guard is an OS lock on `netwerkbot.lock` (an open-file-description lock on Linux), held
 * by the open file for as long as the process keeps it: the kernel drops it when the process
 * ends, however it ends. So no lock can go stale, and a pid in an old file (which a new process
 * may have again after a restart) means nothing. The pid written into the file only names the
 * holder in the message.
 */
export const LOCK_FILE = "netwerkbot.lock";

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number | null) {
    super(`De datamap ${dataDir} is al in gebruik door ${pid ? `proces ${pid}` : "een ander proces"}. Stop dat proces of kies een andere DATA_DIR.`);
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, LOCK_FILE);
  // "a": never truncates what the holder wrote before we know we hold the lock.
  const fd = openSync(lockFile, "a+");
  if (!tryLock(fd)) {
    closeSync(fd);
    throw new DataDirInUseError(dataDir, readHolder(lockFile));
  }
  ftruncateSync(fd, 0);
  writeSync(fd, String(process.pid), 0);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    // The file stays: removing it would let a process that already opened it lock a file nobody else sees.
    unlock(fd);
    closeSync(fd);
  };
}

function readHolder(lockFile: string): number | null {
  const pid = Number(readFileSync(lockFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}
