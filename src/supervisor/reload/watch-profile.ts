// Watch the files a policy came from, through editors that save by rename and files that appear or vanish.
import {realpathSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {watch, type FSWatcher} from 'chokidar'

export interface WatchOptions {
  /** Quiet time (ms) that ends a burst of events; the burst is reported once. */
  readonly debounceMs?: number
  /** A burst that never goes quiet is still reported after this long (ms). */
  readonly maxWaitMs?: number
}

export interface ProfileWatch {
  /** Settles once the watches are in place; saves before that may go unseen. */
  readonly ready: Promise<void>
  /** Watch a new set of files (a reload can add or drop includes). */
  setFiles(files: readonly string[]): void
  close(): Promise<void>
}

/**
 * Report changes to `files` (debounced, with the paths that changed). Each file's directory (while it does not
 * exist, its nearest existing ancestor) is watched rather than the file: a rename-save replaces the inode, and a file that does not exist yet (the local override)
 * can appear. chokidar's own change events are throttled (a second save within 50 ms is dropped), so its raw
 * events count too: no save is missed, at the cost of an occasional extra report.
 */
export function watchProfile(files: readonly string[], onChange: (changed: readonly string[]) => void, options: WatchOptions = {}): ProfileWatch {
  const debounceMs = options.debounceMs ?? 25
  const maxWaitMs = options.maxWaitMs ?? 200
  let watched = new Set<string>()
  let interesting = new Set<string>()
  let dirs = new Set<string>()
  const changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let burstStart = 0
  let closed = false

  const flush = () => {
    timer = undefined
    if (closed || changed.size === 0) return
    // A directory that appeared (the local override's) is watched from now on.
    resync([...watched])
    const list = [...changed]
    changed.clear()
    onChange(list)
  }
  const note = (path: string) => {
    if (closed) return
    if (changed.size === 0 && timer === undefined) burstStart = Date.now()
    changed.add(path)
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, Math.max(0, Math.min(debounceMs, burstStart + maxWaitMs - Date.now())))
  }
  const concerns = (path: string): string | undefined => {
    if (watched.has(path)) return path
    // A directory on the way to a watched file appeared, vanished or was renamed.
    if (interesting.has(path)) return [...watched].find((f) => f.startsWith(`${path}/`))
    return undefined
  }

  const setSets = (list: readonly string[]) => {
    watched = new Set(list.flatMap((f) => withRealPath(resolve(f))))
    interesting = new Set(watched)
    for (const f of watched) for (let d = dirname(f); !interesting.has(d); d = dirname(d)) interesting.add(d)
    const before = dirs
    dirs = new Set([...watched].map((f) => existingDir(dirname(f))))
    return {added: [...dirs].filter((d) => !before.has(d)), removed: [...before].filter((d) => !dirs.has(d))}
  }
  const initial = setSets(files)
  const watcher: FSWatcher = watch(initial.added, {
    ignoreInitial: true,
    persistent: true,
    ignored: (path: string) => !interesting.has(path),
  })
  watcher.on('all', (_event, path) => {
    const file = concerns(resolve(path))
    if (file) note(file)
  })
  watcher.on('raw', (_event, evPath, details) => {
    const base = (details as {watchedPath?: string} | undefined)?.watchedPath
    if (!base) return
    const file = (evPath ? concerns(join(base, String(evPath))) : undefined) ?? concerns(base)
    if (file) note(file)
  })
  watcher.on('error', () => {
    // A directory that vanished while being read; the parent's watch reports it coming back.
  })
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()))

  function resync(list: readonly string[]) {
    const {added, removed} = setSets(list)
    if (removed.length) watcher.unwatch(removed)
    if (added.length) watcher.add(added)
  }
  return {
    ready,
    setFiles: resync,
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      await watcher.close()
    },
  }
}

/** The directory itself if it exists, else its nearest existing ancestor (which sees it appear). */
function existingDir(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (statSync(d).isDirectory()) return d
    } catch {
      // not there (yet)
    }
    if (d === '/') return '/'
  }
}

/** The path and, when it is a symlink, the file it points to (editing the target is editing the profile). */
function withRealPath(path: string): string[] {
  try {
    const real = realpathSync(path)
    return real === path ? [path] : [path, real]
  } catch {
    return [path]
  }
}
