// "always" and "never" written back: one line in the remember: list of the right file, merged under a lock.
import {mkdir, readFile, realpath, stat} from 'node:fs/promises'
import {dirname} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {parse} from 'yaml'
import {canonicalPath, nodeProfileHost, type ProfileHost} from '../host.js'
import {loadProfile} from '../load-profile.js'
import {normalizePath} from '../parse-yaml.js'
import {buildPolicy} from '../../policy/policy.js'
import {decide} from '../../policy/decide.js'
import {applyEdit, checkRememberEdit, planRememberEdit} from './insert-remember.js'
import {withFileLock, type LockOptions} from './lock-file.js'
import {rememberEntry, validateAnswer, type Answer, type RememberEntry} from './remember-line.js'
import {localOverrideHeader, rememberFileOf, type RememberTarget} from './remember-target.js'
import {writeFileAtomic} from './write-atomic.js'
import '../firejail/register.js'

export interface RememberOptions {
  /** Where profiles, macros and the config directory come from; this machine by default. */
  readonly host?: ProfileHost
  readonly lock?: LockOptions
  /**
   * After writing, wait this long (ms) and check the line is still there: an editor or script that saved by
   * rename without the lock, from a copy read before our write, would have dropped it; it is then written again.
   */
  readonly verifyAfterMs?: number
  /** How many times the line is written before giving up. */
  readonly maxAttempts?: number
}

export interface RememberResult {
  /** The file the answer belongs in. */
  readonly file: string
  /** False when a rule of the profile already gave this answer; nothing was written then. */
  readonly added: boolean
  /** The list entry, as the profile holds it (`allow read ${HOME}/todo.txt`). */
  readonly entry: string
}

export class RememberError extends Error {
  constructor(message: string, readonly file: string) {
    super(`cannot remember the answer in ${file}: ${message}`)
    this.name = 'RememberError'
  }
}

/** Append one answer to the remember: list of the profile the user owns, or of the local override. */
export async function rememberAnswer(target: RememberTarget, answer: Answer, options: RememberOptions = {}): Promise<RememberResult> {
  validateAnswer(answer)
  const host = options.host ?? nodeProfileHost()
  const chosen = await rememberFileOf(target)
  const isLocal = chosen === target.localFile
  if (isLocal) await mkdir(dirname(chosen), {recursive: true})
  // A profile kept as a symlink (a dotfiles repository) is edited where it lives; the link stays.
  const file = isLocal ? chosen : await realpath(chosen)
  const entry = rememberEntry(answer, host.env)
  const verifyAfterMs = options.verifyAfterMs ?? 100
  const maxAttempts = options.maxAttempts ?? 10
  let added = false
  for (let attempt = 1; ; attempt++) {
    const wrote = await withFileLock(file, () => writeEntryLocked(target, file, chosen, isLocal, entry, answer, host), options.lock)
    added ||= wrote
    if (!wrote || verifyAfterMs <= 0) return {file: chosen, added, entry: entry.value}
    await sleep(verifyAfterMs)
    if (holdsEntry(await readText(file), entry)) return {file: chosen, added, entry: entry.value}
    if (attempt >= maxAttempts) throw new RememberError(`the line was overwritten ${attempt} times by other writers`, chosen)
  }
}

/** How often the rename is held back because the file changed since it was read, before it goes ahead anyway. */
const MAX_MERGES = 5

/**
 * Under the lock: read the file as it is now, skip an answer it already gives, insert, and rename the new
 * text in only if nobody replaced the file since it was read (else read again and merge again). A writer
 * that does not take the lock and saves faster than this merges (a script) is outrun after MAX_MERGES tries;
 * the rename then goes ahead and the check after the write puts the line back if that writer drops it.
 */
async function writeEntryLocked(target: RememberTarget, file: string, chosen: string, isLocal: boolean, entry: RememberEntry, answer: Answer, host: ProfileHost): Promise<boolean> {
  for (let merge = 0; ; merge++) {
    const before = await snapshot(file)
    const text = before ? before.text : isLocal ? localOverrideHeader(target.profileFile) : undefined
    if (text === undefined) throw new RememberError('the profile file is gone', chosen)
    // Checked once: a rule someone adds meanwhile can only make the line redundant, never wrong.
    if (merge === 0 && before && isCovered(target, chosen, before.text, answer, host)) return false
    let next: string
    try {
      next = applyEdit(text, planRememberEdit(text, entry))
      checkRememberEdit(text, next, entry)
    } catch (error) {
      throw new RememberError((error as Error).message, chosen)
    }
    const unchanged = async () => merge >= MAX_MERGES || sameFile(before, await snapshot(file))
    if (await writeFileAtomic(file, next, {mode: before?.mode ?? 0o644, beforeRename: unchanged})) return true
  }
}

interface Snapshot {
  readonly text: string
  readonly ino: number
  readonly mtimeMs: number
  readonly size: number
  readonly mode: number
}

async function snapshot(file: string): Promise<Snapshot | undefined> {
  try {
    const info = await stat(file)
    const text = await readFile(file, 'utf8')
    return {text, ino: info.ino, mtimeMs: info.mtimeMs, size: info.size, mode: info.mode & 0o7777}
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function sameFile(a: Snapshot | undefined, b: Snapshot | undefined): boolean {
  if (!a || !b) return a === b
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size && a.text === b.text
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return ''
  }
}

/** The file's remember: list holds the entry. */
function holdsEntry(text: string, entry: RememberEntry): boolean {
  try {
    const js = parse(text) as {remember?: unknown} | null
    return Array.isArray(js?.remember) && js.remember.includes(entry.value)
  } catch {
    return false
  }
}

/** The profile, read with `text` for the file being written, already decides this access this way by a rule. */
function isCovered(target: RememberTarget, chosen: string, text: string, answer: Answer, host: ProfileHost): boolean {
  const overlay: ProfileHost = {...host, readFile: (path) => (path === chosen ? text : host.readFile(path)), exists: (path) => path === chosen || host.exists(path)}
  const loaded = loadProfile(target.profileFile, overlay)
  const policy = buildPolicy(loaded.layers, {resolvePath: canonicalPath})
  const decision = decide(policy, canonicalPath(normalizePath(answer.path)), answer.access)
  return decision.rule !== undefined && decision.verdict === answer.effect
}
