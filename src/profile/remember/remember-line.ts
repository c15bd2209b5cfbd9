// An answer as the text of one `remember:` entry: what (`allow read ${HOME}/todo.txt`) and a comment (when, which program).
import {parse} from 'yaml'
import {normalizePath} from '../parse-yaml.js'
import {expandMacros} from '../macros.js'
import type {Access, Effect, MacroEnv} from '../types.js'

export interface Answer {
  readonly effect: Effect
  readonly access: Access
  /** Absolute path the answer is about (a file, or a directory for the directory scope). */
  readonly path: string
  /** The program that asked, for the comment. */
  readonly program?: string
  /** When the answer was given, for the comment; now by default. */
  readonly when?: Date
}

/** The entry: `value` is the string the list holds, `comment` the text after `#`. */
export interface RememberEntry {
  readonly value: string
  readonly comment: string
}

/** Check an answer early, quoting the bad value: a remember line must name exactly one concrete path. */
export function validateAnswer(answer: Answer): void {
  if (answer.effect !== 'allow' && answer.effect !== 'deny') throw new TypeError(`answer.effect must be "allow" or "deny", not "${String(answer.effect)}"`)
  if (!['read', 'write', 'exec'].includes(answer.access)) throw new TypeError(`answer.access must be read, write or exec, not "${String(answer.access)}"`)
  const p = answer.path
  if (typeof p !== 'string' || !p.startsWith('/')) throw new TypeError(`answer.path must be absolute, not "${String(p)}"`)
  // The profile language reads these characters as glob syntax or line structure; a remembered path is literal.
  if (/[*?[\]\n\r\t]/.test(p) || /\s$/.test(p)) throw new TypeError(`answer.path "${p}" holds glob or control characters, which a remember line cannot express literally`)
  if (p.includes('${')) throw new TypeError(`answer.path "${p}" holds "\${", which a remember line would read as a macro`)
}

/** The entry for an answer; a path below the home directory is written with ${HOME}. */
export function rememberEntry(answer: Answer, env: MacroEnv): RememberEntry {
  validateAnswer(answer)
  const path = normalizePath(answer.path)
  const home = normalizePath(env.HOME)
  let written = path
  if (home !== '/' && path.startsWith(`${home}/`)) {
    const candidate = '${HOME}' + path.slice(home.length)
    const back = expandMacros(candidate, env)
    if (back.ok && normalizePath(back.value) === path) written = candidate
  }
  const program = (answer.program ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim()
  const comment = [isoDate(answer.when ?? new Date()), program].filter(Boolean).join(' ')
  return {value: `${answer.effect} ${answer.access} ${written}`, comment}
}

/** The date as YYYY-MM-DD in local time. */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The YAML source of `value` as a block or flow sequence item: plain when it reads back the same, else double-quoted. */
export function yamlItemSource(value: string, context: 'block' | 'flow'): string {
  const reads = (source: string) => {
    try {
      const back: unknown = parse(context === 'block' ? `- ${source}\n` : `[${source}]\n`)
      return Array.isArray(back) && back.length === 1 && back[0] === value
    } catch {
      return false
    }
  }
  if (reads(value)) return value
  const quoted = JSON.stringify(value)
  if (reads(quoted)) return quoted
  throw new TypeError(`cannot write "${value}" as a YAML string`)
}
