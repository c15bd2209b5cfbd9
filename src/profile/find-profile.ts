// Profiles by name on the profile path, or by file.
import {basename, join, resolve} from 'node:path'
import type {ProfileHost} from './host.js'

export const PROFILE_EXTENSIONS = ['.yaml', '.profile'] as const

/** True when the argument names a file rather than a profile on the path. */
export function looksLikeFile(target: string): boolean {
  return target.includes('/') || /\.(ya?ml|profile|inc|local)$/.test(target)
}

/** The profile name of a file: its base name without the extension. */
export function profileNameOf(file: string): string {
  return basename(file).replace(/\.(ya?ml|profile|inc|local)$/, '')
}

/** The first file on the search path that holds profile `name`, or undefined. */
export function findProfile(name: string, host: ProfileHost, cwd = process.cwd()): string | undefined {
  if (looksLikeFile(name)) {
    const file = resolve(cwd, name)
    return host.exists(file) ? file : undefined
  }
  for (const dir of host.searchPath) {
    for (const ext of PROFILE_EXTENSIONS) {
      const file = join(dir, name + ext)
      if (host.exists(file)) return file
    }
  }
  return undefined
}

export interface ProfileListing {
  readonly name: string
  readonly file: string
  /** Hidden by a profile of the same name earlier on the path. */
  readonly shadowed: boolean
}

/** Every profile on the search path, first occurrence of each name wins. */
export function listProfiles(host: ProfileHost): ProfileListing[] {
  const seen = new Set<string>()
  const out: ProfileListing[] = []
  for (const dir of host.searchPath) {
    for (const entry of [...host.listDir(dir)].sort()) {
      const ext = PROFILE_EXTENSIONS.find((e) => entry.endsWith(e))
      if (!ext) continue
      const name = entry.slice(0, -ext.length)
      out.push({name, file: join(dir, entry), shadowed: seen.has(name)})
      seen.add(name)
    }
  }
  return out
}
