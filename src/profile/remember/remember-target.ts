// Which file an answer (or `landjail profile edit`) goes to: the user's own profile, else the local override.
import {constants} from 'node:fs'
import {access, mkdir, stat, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {profileNameOf} from '../find-profile.js'
import {SHIPPED_PROFILES} from '../host.js'

export interface RememberTarget {
  /** The profile file the policy was loaded from. */
  readonly profileFile: string
  /** `<config>/local/<name>.yaml`, whether or not it exists yet. */
  readonly localFile: string
  /** Whether answers go into the profile file itself; probed on disk when absent. */
  readonly ownsProfile?: boolean
}

/** Directories whose profiles belong to the system or to landjail, whoever owns the files (root does). */
export const SYSTEM_DIRS = [SHIPPED_PROFILES, '/etc', '/usr', '/opt']

/**
 * A profile is the user's to edit when it is a landjail YAML file outside the system and shipped directories,
 * owned by this user and writable by them. Firejail files never are: their syntax has no `remember:`.
 */
export async function ownsProfileFile(file: string): Promise<boolean> {
  if (!/\.ya?ml$/.test(file)) return false
  if (SYSTEM_DIRS.some((dir) => file === dir || file.startsWith(`${dir}/`))) return false
  try {
    const info = await stat(file)
    await access(file, constants.W_OK)
    return info.isFile() && info.uid === process.getuid?.()
  } catch {
    return false
  }
}

/** The file an answer for `target` is written to. */
export async function rememberFileOf(target: RememberTarget): Promise<string> {
  const owns = target.ownsProfile ?? (await ownsProfileFile(target.profileFile))
  return owns ? target.profileFile : target.localFile
}

/** The first lines of a new local override: what it is and what it adds to. */
export function localOverrideHeader(profileFile: string): string {
  return [
    `# Local additions to the landjail profile "${profileNameOf(profileFile)}" (${profileFile}).`,
    '# Applied above it; landjail writes answers given as "always" and "never" under remember:.',
    '',
  ].join('\n')
}

/** Create the local override with its header if it does not exist yet (its directory too); true if created. */
export async function ensureLocalOverride(localFile: string, profileFile: string): Promise<boolean> {
  await mkdir(dirname(localFile), {recursive: true})
  try {
    await writeFile(localFile, localOverrideHeader(profileFile), {flag: 'wx', mode: 0o644})
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}
