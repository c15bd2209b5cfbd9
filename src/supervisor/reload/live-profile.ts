// A profile that follows its files: watched, reloaded on every save, the last good policy always at hand.
import type {ProfileHost} from '../../profile/host.js'
import {reloadPolicy, watchedFilesOf, type GoodProfile, type ReloadResult} from './reload-policy.js'
import {watchProfile, type ProfileWatch, type WatchOptions} from './watch-profile.js'

export interface LiveProfile {
  /** The policy in force: the last profile that loaded without errors. */
  current(): GoodProfile
  /** Reload now, without waiting for the watch (after landjail itself wrote to a file). */
  reloadNow(changed?: readonly string[]): void
  readonly ready: Promise<void>
  close(): Promise<void>
}

/** Reload `initial`'s profile whenever one of its files changes; `onReload` hears every outcome. */
export function liveProfile(
  target: string,
  host: ProfileHost,
  initial: GoodProfile,
  onReload: (result: ReloadResult, changed: readonly string[]) => void,
  options: WatchOptions = {},
): LiveProfile {
  let good = initial
  let closed = false
  let rejected = false
  const reload = (changed: readonly string[]): void => {
    if (closed) return
    const result = reloadPolicy(target, host, good)
    // A save that changed no byte (or a second event for one save) changes nothing, unless it mends a rejected edit.
    if (result.kind === 'reloaded' && !rejected && sameSources(good.loaded.sources, result.loaded.sources)) return
    rejected = result.kind === 'rejected'
    if (result.kind === 'reloaded') {
      good = {loaded: result.loaded, policy: result.policy}
      watch.setFiles(watchedFilesOf(result.loaded))
    }
    onReload(result, changed)
  }
  const watch: ProfileWatch = watchProfile(watchedFilesOf(initial.loaded), reload, options)
  return {
    current: () => good,
    reloadNow: (changed = []) => reload(changed),
    ready: watch.ready,
    close: () => {
      closed = true
      return watch.close()
    },
  }
}

function sameSources(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([file, text]) => b.get(file) === text)
}
