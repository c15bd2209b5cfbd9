// Which file `landjail profile edit` opens: the same one an "always"/"never" answer would be written to.
import {realpath} from 'node:fs/promises'
import type {LoadedProfile} from '../profile/load-profile.js'
import {SHIPPED_PROFILES} from '../profile/host.js'
import {ensureLocalOverride, rememberFileOf, SYSTEM_DIRS} from '../profile/remember/remember-target.js'

export interface EditTarget {
  /** The file to open in the editor. */
  readonly file: string
  /** What the file is, as said to the user: `your profile notes`, `local override of the shipped profile git`. */
  readonly role: string
  /** The local override did not exist and was created with its header for this edit. */
  readonly created: boolean
}

/** The file to edit for a profile, with the local override created (header only) when that is the one. */
export async function editTargetOf(loaded: LoadedProfile): Promise<EditTarget> {
  const chosen = await rememberFileOf({profileFile: loaded.file, localFile: loaded.localFile})
  if (chosen !== loaded.localFile) {
    // A profile kept as a symlink (a dotfiles repository) is edited where it lives, so an editor that
    // saves by rename replaces the file and not the link, as remembered answers do.
    return {file: await realpath(chosen), role: `your profile ${loaded.name}`, created: false}
  }
  const created = await ensureLocalOverride(loaded.localFile, loaded.file)
  return {file: loaded.localFile, role: overrideRoleOf(loaded.name, loaded.file), created}
}

/** Why a profile is not edited in place, in words: whose it is. */
function overrideRoleOf(name: string, file: string): string {
  if (!/\.ya?ml$/.test(file)) return `local override of the Firejail profile ${name}`
  if (file.startsWith(`${SHIPPED_PROFILES}/`)) return `local override of the shipped profile ${name}`
  if (SYSTEM_DIRS.some((dir) => file.startsWith(`${dir}/`))) return `local override of the system profile ${name}`
  return `local override of the profile ${name}; ${file} is not yours to write`
}
