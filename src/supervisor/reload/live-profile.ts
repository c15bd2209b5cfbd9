// A profile that follows its files: watched, reloaded on every save, the last good policy always at hand.
import type {ProfileHost} from '../../profile/host.js'
import {reloadPolicy, watchedFilesOf, type GoodProfile, type ReloadResult} from './reload-policy.js'
import {watchProfile, type ProfileWatch, type WatchOptions} from './watch-profile.js'

export interface LiveProfile {
  /** The policy in force: the last profile that loaded without errors. */
  current(): GoodProfile
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
  const watch: ProfileWatch = watchProfile(watchedFilesOf(initial.loaded), (changed) => {
    const result = reloadPolicy(target, host, good)
    if (result.kind === 'reloaded') {
      good = {loaded: result.loaded, policy: result.policy}
      watch.setFiles(watchedFilesOf(result.loaded))
    }
    onReload(result, changed)
  }, options)
  return {current: () => good, ready: watch.ready, close: () => watch.close()}
}
