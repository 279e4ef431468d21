// The two calls we use of fs-native-extensions (it ships no types). On Linux they are
// fcntl(F_OFD_SETLK) locks, on macOS flock, on Windows LockFileEx.
declare module "fs-native-extensions" {
  /** An exclusive lock on the whole file; false when another open file description holds one. */
  export function tryLock(fd: number, offset?: number, length?: number, opts?: { shared?: boolean }): boolean;
  export function unlock(fd: number, offset?: number, length?: number): void;
}
