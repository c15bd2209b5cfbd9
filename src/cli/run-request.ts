// What `landjail run` was asked to do, and the launch fast path's reading of a well-formed command line.
// The oclif command declares the same options with these names, choices and defaults; anything the fast path
// does not accept is left to oclif, which parses it again and reports it (help, unknown flags, bad values).
import {parseArgs} from 'node:util'
import {PROMPT_BACKENDS, type PromptBackendName} from '../supervisor/prompt-backends.js'

export const RUN_MODES = ['enforce', 'supervise'] as const
export type RunMode = (typeof RUN_MODES)[number]

export const RUN_DEFAULTS = {mode: 'enforce', prompt: 'tty', promptTimeoutS: 60} as const

export interface RunRequest {
  /** Profile name or file. */
  readonly target: string
  /** The words after `--`, byte for byte; empty: the profile's command. */
  readonly command: readonly string[]
  /** Words before `--` after the profile name (an error: the command goes after `--`). */
  readonly extra: readonly string[]
  readonly mode: RunMode
  readonly strict: boolean
  readonly quiet: boolean
  readonly prompt: PromptBackendName
  readonly promptTimeoutS: number
}

const OPTIONS = {
  mode: {type: 'string'},
  strict: {type: 'boolean'},
  quiet: {type: 'boolean', short: 'q'},
  prompt: {type: 'string'},
  'prompt-timeout': {type: 'string'},
} as const

function oneOf<T extends string>(choices: readonly T[], value: string | undefined, fallback: T): T | undefined {
  if (value === undefined) return fallback
  return (choices as readonly string[]).includes(value) ? (value as T) : undefined
}

/**
 * The request of a well-formed `run` command line (the words after `run`), or undefined for anything else:
 * a flag given twice, an unknown flag or value, a missing profile name. Those go through oclif.
 */
export function parseRunWords(words: readonly string[]): RunRequest | undefined {
  const dashes = words.indexOf('--')
  const before = dashes >= 0 ? words.slice(0, dashes) : [...words]
  let parsed
  try {
    parsed = parseArgs({args: before, options: OPTIONS, allowPositionals: true, strict: true, tokens: true})
  } catch {
    return undefined
  }
  const seen = new Set<string>()
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue
    if (seen.has(token.name)) return undefined
    seen.add(token.name)
  }
  const [target, ...extra] = parsed.positionals
  const {values} = parsed
  const mode = oneOf(RUN_MODES, values.mode, RUN_DEFAULTS.mode)
  const prompt = oneOf(PROMPT_BACKENDS, values.prompt, RUN_DEFAULTS.prompt)
  const timeout = values['prompt-timeout']
  if (target === undefined || mode === undefined || prompt === undefined) return undefined
  if (timeout !== undefined && !/^\d{1,9}$/.test(timeout)) return undefined
  return {
    target, extra, mode, prompt,
    command: dashes >= 0 ? words.slice(dashes + 1) : [],
    strict: values.strict === true,
    quiet: values.quiet === true,
    promptTimeoutS: timeout === undefined ? RUN_DEFAULTS.promptTimeoutS : Number(timeout),
  }
}
