// `landjail import`: find a Firejail profile by name or file, parse it with its includes, write YAML.
import {join, resolve} from 'node:path'
import {diagnostic, hasErrors} from '../diagnostics.js'
import {looksLikeFile, profileNameOf} from '../find-profile.js'
import type {ProfileHost} from '../host.js'
import type {Diagnostic} from '../types.js'
import {parseFirejailProfile} from './parse-firejail.js'
import {firejailToYaml} from './to-yaml.js'

export interface Imported {
  readonly name: string
  readonly file: string
  /** The YAML profile; absent when the Firejail profile has errors. */
  readonly yaml?: string
  readonly diagnostics: readonly Diagnostic[]
  /** Every file read, with its text, for printing diagnostics. */
  readonly sources: ReadonlyMap<string, string>
}

/** A Firejail profile by file, or by name in Firejail's own directories (~/.config/firejail, /etc/firejail). */
export function findFirejailProfile(target: string, host: ProfileHost, cwd = process.cwd()): string | undefined {
  if (looksLikeFile(target)) {
    const file = resolve(cwd, target)
    return host.exists(file) ? file : undefined
  }
  return host.firejailDirs.map((dir) => join(dir, `${target}.profile`)).find((f) => host.exists(f))
}

/** Parse a Firejail profile and build the equivalent YAML profile. */
export function importFirejailProfile(target: string, host: ProfileHost): Imported {
  const name = looksLikeFile(target) ? profileNameOf(target) : target
  const file = findFirejailProfile(target, host)
  if (!file) {
    const where = looksLikeFile(target) ? `no file "${target}"` : `no Firejail profile "${target}" in ${host.firejailDirs.join(', ')}`
    return {name, file: target, diagnostics: [diagnostic('UNKNOWN_PROFILE', where)], sources: new Map()}
  }
  let text: string
  try {
    text = host.readFile(file)
  } catch (error) {
    return {name, file, diagnostics: [diagnostic('UNREADABLE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)], sources: new Map()}
  }
  const parsed = parseFirejailProfile(file, text, host.env, host)
  const sources = new Map([[file, text], ...parsed.extraSources])
  if (hasErrors(parsed.diagnostics)) return {name, file, diagnostics: parsed.diagnostics, sources}
  return {name, file, yaml: firejailToYaml(parsed, {name, text, sources}), diagnostics: parsed.diagnostics, sources}
}
