// A changed profile is loaded and validated again; errors keep the last good policy and are reported with positions.
import {formatDiagnostic, hasErrors} from '../../profile/diagnostics.js'
import {canonicalPath, type ProfileHost} from '../../profile/host.js'
import {loadProfile, type LoadedProfile} from '../../profile/load-profile.js'
import type {Diagnostic} from '../../profile/types.js'
import {buildPolicy, type BuildOptions, type Policy} from '../../policy/policy.js'
import '../../profile/firejail/register.js'

/** A profile that loaded without errors, and its policy. */
export interface GoodProfile {
  readonly loaded: LoadedProfile
  readonly policy: Policy
}

export type ReloadResult =
  | {readonly kind: 'reloaded'; readonly loaded: LoadedProfile; readonly policy: Policy}
  | {
      readonly kind: 'rejected'
      /** Each error as printed: `file:line:col: error CODE: message`, the line, a caret, include sites. */
      readonly errors: readonly string[]
      readonly diagnostics: readonly Diagnostic[]
      /** The policy still in force. */
      readonly kept: GoodProfile | undefined
    }

/** Load `target` again; a profile with errors is rejected and `lastGood` stays in force. */
export function reloadPolicy(target: string, host: ProfileHost, lastGood?: GoodProfile, options: BuildOptions = {resolvePath: canonicalPath}): ReloadResult {
  const loaded = loadProfile(target, host)
  if (hasErrors(loaded.diagnostics)) {
    const read = (file: string) => loaded.sources.get(file)
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
    return {kind: 'rejected', errors: errors.map((d) => formatDiagnostic(d, read)), diagnostics: loaded.diagnostics, kept: lastGood}
  }
  return {kind: 'reloaded', loaded, policy: buildPolicy(loaded.layers, options)}
}

/** Every file a change to which can change the policy: the profile, its includes, the local override. */
export function watchedFilesOf(loaded: LoadedProfile): string[] {
  return [...new Set([loaded.file, ...loaded.sources.keys(), loaded.localFile])]
}
