// Paths in Firejail lines: ${PATH} fan-out, macros, and the top directory a whitelist hides.
import {checkGlob, isGlob} from '../glob.js'
import {expandMacros} from '../macros.js'
import {normalizePath} from '../parse-yaml.js'
import type {MacroEnv} from '../types.js'

/** The directories Firejail substitutes for ${PATH}, in its order. */
export const PATH_DIRS = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin'] as const

export interface ExpandedPath {
  readonly path: string
  readonly glob: boolean
  /** As written, with ${PATH} replaced by the directory it stands for and other macros kept. */
  readonly written: string
}

export type ExpandResult =
  | {readonly ok: true; readonly paths: readonly ExpandedPath[]}
  | {readonly ok: false; readonly code: string; readonly message: string; readonly offset: number; readonly length: number}

const expansions = new WeakMap<MacroEnv, Map<string, ExpandResult>>()

/** One path per ${PATH} directory (or just one), macros expanded, absolute, glob checked. */
export function expandFirejailPath(written: string, env: MacroEnv): ExpandResult {
  let known = expansions.get(env)
  if (!known) expansions.set(env, (known = new Map()))
  let result = known.get(written)
  if (!result) known.set(written, (result = expandUncached(written, env)))
  return result
}

function expandUncached(written: string, env: MacroEnv): ExpandResult {
  const plain = rewriteClasses(written)
  const variants = plain.includes('${PATH}') ? PATH_DIRS.map((dir) => plain.split('${PATH}').join(dir)) : [plain]
  const paths: ExpandedPath[] = []
  for (const variant of variants) {
    const expanded = expandMacros(variant, env)
    if (!expanded.ok) {
      const offset = written.includes('${PATH}') ? written.indexOf('${') : expanded.offset
      return {ok: false, code: expanded.code, message: expanded.message.replace(/known: /, 'known: ${PATH}, '), offset, length: expanded.length}
    }
    if (!expanded.value.startsWith('/')) {
      return {ok: false, code: 'RELATIVE_PATH', message: `path "${written}" must be absolute (start with /, ~ or a macro such as \${HOME})`, offset: 0, length: written.length}
    }
    const glob = isGlob(expanded.value)
    if (glob) {
      const check = checkGlob(expanded.value)
      if (!check.ok) return {ok: false, code: 'BAD_GLOB', message: `${check.message}: "${written}"`, offset: 0, length: written.length}
    }
    paths.push({path: normalizePath(expanded.value), glob, written: variant})
  }
  return {ok: true, paths}
}

/**
 * The directory whose other contents a whitelist of `path` hides, as Firejail chooses it: the home
 * directory, the runtime directory, /sys/module, a directory directly in /usr, else the first
 * component. Undefined where Firejail refuses the whitelist (/, /proc, /sys, a top directory itself).
 */
export function whitelistTop(path: string, env: MacroEnv): {path: string; written: string} | undefined {
  const inside = (dir: string) => path.startsWith(dir + '/')
  if (inside(env.HOME)) return {path: env.HOME, written: '${HOME}'}
  if (inside(env.RUNUSER)) return {path: env.RUNUSER, written: '${RUNUSER}'}
  if (inside('/sys/module')) return {path: '/sys/module', written: '/sys/module'}
  const parts = path.split('/')
  const depth = parts[1] === 'usr' ? 3 : 2
  if (parts.length <= depth) return undefined
  const top = parts.slice(0, depth).join('/')
  if (top === '/proc' || top === '/sys' || top === '') return undefined
  return {path: top, written: top}
}

/** POSIX classes in bracket expressions, which landjail globs spell as ranges. */
const CLASSES: Readonly<Record<string, string>> = {
  xdigit: '0-9A-Fa-f', digit: '0-9', alpha: 'A-Za-z', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z',
}

/** Rewrite "[[:xdigit:]]" and the like as plain ranges; other text is unchanged. */
export function rewriteClasses(pattern: string): string {
  return pattern.replace(/\[:([a-z]+):\]/g, (whole, name: string) => CLASSES[name] ?? whole)
}
