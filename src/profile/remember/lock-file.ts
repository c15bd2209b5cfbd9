// A lock between processes for one file: `<file>.lock` created with O_EXCL; a lock left by a dead process is broken.
import {randomBytes} from 'node:crypto'
import {constants} from 'node:fs'
import {link, open, readFile, rename, stat, unlink} from 'node:fs/promises'
import {hostname} from 'node:os'
import {setTimeout as sleep} from 'node:timers/promises'

export interface LockOptions {
  /** Give up after this long (ms). */
  readonly timeoutMs?: number
  /** A lock older than this (ms) is stale even if its holder seems alive (the section it guards takes milliseconds). */
  readonly staleMs?: number
}

export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string, holder: string) {
    super(`timed out waiting for the lock ${lockPath} (held by ${holder || 'an unknown process'})`)
    this.name = 'LockTimeoutError'
  }
}

interface Holder {
  readonly pid: number
  readonly host: string
  readonly token: string
}

const parseHolder = (text: string): Holder | undefined => {
  const [pid, host, token] = text.trim().split(' ')
  return pid && host && token ? {pid: Number(pid), host, token} : undefined
}

/** Run `fn` while holding the lock on `file`; the lock is released however `fn` ends. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireFileLock(file, options)
  try {
    return await fn()
  } finally {
    await release()
  }
}

/** Take the lock on `file`, waiting with jittered backoff; returns the release function. */
export async function acquireFileLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lockPath = `${file}.lock`
  const timeoutMs = options.timeoutMs ?? 10_000
  const staleMs = options.staleMs ?? 10_000
  const me: Holder = {pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex')}
  const deadline = Date.now() + timeoutMs
  let delay = 1
  for (;;) {
    try {
      const handle = await open(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644)
      await handle.writeFile(`${me.pid} ${me.host} ${me.token}\n`)
      await handle.close()
      return () => releaseFileLock(lockPath, me)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(lockPath)
    if (holder !== undefined && (await isStale(lockPath, holder, staleMs))) {
      await breakStaleLock(lockPath, holder)
      continue
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, holder ? `pid ${holder.pid} on ${holder.host}` : '')
    await sleep(delay + Math.random() * delay)
    delay = Math.min(delay * 2, 50)
  }
}

async function readHolder(lockPath: string): Promise<Holder | undefined> {
  try {
    return parseHolder(await readFile(lockPath, 'utf8'))
  } catch {
    return undefined
  }
}

/** Stale: its holder is a process of this host that no longer exists, or it is older than `staleMs`. */
async function isStale(lockPath: string, holder: Holder, staleMs: number): Promise<boolean> {
  if (holder.host === hostname() && !processExists(holder.pid)) return true
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > staleMs
  } catch {
    return false
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Move the stale lock aside, then make sure it was the one judged stale: if another process broke it and
 * took a fresh lock in between, that lock is put back (link fails if yet another has appeared).
 */
async function breakStaleLock(lockPath: string, stale: Holder): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await rename(lockPath, aside)
  } catch {
    return
  }
  const moved = await readHolder(aside)
  if (moved && moved.token !== stale.token) await link(aside, lockPath).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

/** Remove the lock only while it is still ours. */
async function releaseFileLock(lockPath: string, me: Holder): Promise<void> {
  const holder = await readHolder(lockPath)
  if (holder?.token === me.token) await unlink(lockPath).catch(() => undefined)
}
