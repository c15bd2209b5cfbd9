// Load a profile by name or file on this machine, with every diagnostic printed the same way.
import {formatDiagnostic, hasErrors} from '../profile/diagnostics.js'
import {canonicalPath, nodeFsView, nodeProfileHost, type ProfileHost} from '../profile/host.js'
import {loadProfile, type LoadedProfile} from '../profile/load-profile.js'
import {compileProfile, type Compiled} from '../policy/compile.js'
import {buildPolicy, type Policy} from '../policy/policy.js'
import {UserError} from './errors.js'
import '../profile/firejail/register.js'

/** Diagnostics as printed: location, code, message, the line with a caret, include sites. */
export function formatDiagnostics(loaded: LoadedProfile): string {
  const read = (file: string) => loaded.sources.get(file)
  return loaded.diagnostics.map((d) => formatDiagnostic(d, read)).join('\n')
}

/** Load a profile; any error in it (or a missing profile) ends the command with every diagnostic. */
export function openProfile(target: string, host: ProfileHost = nodeProfileHost()): LoadedProfile {
  const loaded = locateProfile(target, host)
  if (hasErrors(loaded.diagnostics)) throw new UserError(`profile "${target}" has errors:\n${formatDiagnostics(loaded)}`)
  return loaded
}

/** Load a profile even when it has errors (so it can be edited); only a profile that is not there ends the command. */
export function locateProfile(target: string, host: ProfileHost = nodeProfileHost()): LoadedProfile {
  const loaded = loadProfile(target, host)
  const unknown = loaded.diagnostics.find((d) => d.code === 'UNKNOWN_PROFILE')
  if (unknown) throw new UserError(unknown.message, 'see `landjail profile list` for the profiles on the path')
  return loaded
}

/** The policy of a loaded profile, rule paths canonical on this machine. */
export function policyOf(loaded: LoadedProfile): Policy {
  return buildPolicy(loaded.layers, {resolvePath: canonicalPath})
}

/** Compile on this machine's file system for a Landlock ABI. */
export function compileHere(loaded: LoadedProfile, abi: number): Compiled {
  return compileProfile(loaded, {abi, fs: nodeFsView(), resolvePath: canonicalPath})
}
