// One process per PGlite directory, always (shared/STACK.md: a second process that merely opened the
// directory made the server's writes vanish). The lock is a pid file beside the directory, created
// atomically; a stale one (dead or zombie holder — zombies are never reaped on these machines) is
// taken over.
import fs from "node:fs";
import { DatabaseLockedError } from "./errors";

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

function isLive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..." — the state follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return true; // no /proc (macOS): kill(0) said it lives
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 200);
  } catch {
    return "";
  }
}

export type LockHolder = { pid: number; command: string };

/** Who holds the lock on dataDir right now, or null. */
export function readLockHolder(dataDir: string): LockHolder | null {
  let text: string;
  try {
    text = fs.readFileSync(lockPathFor(dataDir), "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  if (!isLive(pid)) return null;
  return { pid, command: commandOf(pid) };
}

/**
 * Take the lock for this process. Throws DatabaseLockedError naming the holder when another live
 * process has it. Returns a release function (also run on process exit).
 */
export function acquirePgliteLock(dataDir: string): () => void {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(lockPath.slice(0, lockPath.lastIndexOf("/")) || ".", { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, `${process.pid}\n${commandOf(process.pid)}\n`);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8").split("\n")[0] ?? "", 10);
          if (owner === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readLockHolder(dataDir);
      if (holder && holder.pid !== process.pid) {
        throw new DatabaseLockedError(dataDir, holder.pid, holder.command);
      }
      // Stale (holder dead, a zombie, or ourselves after a reload): remove and retry.
      try {
        fs.unlinkSync(lockPath);
      } catch {
        // raced with another process; retry decides
      }
    }
  }
  const holder = readLockHolder(dataDir);
  throw new DatabaseLockedError(dataDir, holder?.pid ?? -1, holder?.command ?? "");
}
