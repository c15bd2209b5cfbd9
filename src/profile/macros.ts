// Macro expansion for profile paths: ${NAME} from the macro environment and a leading ~.
import type {MacroEnv} from './types.js'

/** Names every profile may use; the XDG user directories come from user-dirs.dirs. */
export const MACRO_NAMES = [
  'HOME', 'RUNUSER', 'TMPDIR', 'PWD', 'CFG',
  'DESKTOP', 'DOCUMENTS', 'DOWNLOADS', 'MUSIC', 'PICTURES', 'VIDEOS', 'TEMPLATES', 'PUBLICSHARE',
] as const

export type MacroResult =
  | {readonly ok: true; readonly value: string}
  | {readonly ok: false; readonly code: 'BAD_MACRO' | 'UNKNOWN_MACRO'; readonly message: string; readonly offset: number; readonly length: number}

const MACRO = /\$\{([^}]*)\}|\$\{/g

/** Replace ${NAME} and a leading ~ with their values; unknown or malformed macros are errors with an offset. */
export function expandMacros(text: string, env: MacroEnv): MacroResult {
  let value = text
  let shift = 0
  if (value === '~' || value.startsWith('~/')) {
    value = env.HOME + value.slice(1)
    shift = env.HOME.length - 1
  }
  let out = ''
  let last = 0
  for (const m of value.matchAll(MACRO)) {
    const at = m.index ?? 0
    const original = Math.max(0, at - shift)
    if (m[1] === undefined) {
      return {ok: false, code: 'BAD_MACRO', message: `unterminated macro in "${text}"`, offset: original, length: 2}
    }
    const name = m[1]
    const replacement = env[name]
    if (replacement === undefined) {
      return {ok: false, code: 'UNKNOWN_MACRO', message: `unknown macro \${${name}}; known: ${MACRO_NAMES.map((n) => `\${${n}}`).join(', ')}`, offset: original, length: m[0].length}
    }
    out += value.slice(last, at) + replacement
    last = at + m[0].length
  }
  return {ok: true, value: out + value.slice(last)}
}
