// A person's answer to a prompt, as session rules; "always"/"never" are also handed to `remember`.
import type {Access, Rule} from '../profile/types.js'
import {scopeDir} from './decide-call.js'
import type {PromptRequest} from './messages.js'

export const ANSWERS = ['yes', 'always', 'no', 'never'] as const
export type Answer = (typeof ANSWERS)[number]
export const SCOPES = ['file', 'dir'] as const
export type Scope = (typeof SCOPES)[number]

export interface GivenAnswer {
  readonly request: PromptRequest
  readonly answer: Answer
  readonly scope: Scope
}

/** The session rules an answer adds: allow or deny the asked access at the file or its directory; write implies read. */
export function rulesOf({request, answer, scope}: GivenAnswer): Rule[] {
  const path = scope === 'dir' ? scopeDir(request.path) : request.path
  const effect = answer === 'yes' || answer === 'always' ? 'allow' : 'deny'
  const accesses: Access[] = effect === 'allow' && request.access === 'write' ? ['write', 'read'] : [request.access]
  return accesses.map((access) => ({path, glob: false, access, effect, kind: 'session', written: `${effect} ${access} ${path}`}))
}

/**
 * Keep an "always" or "never" answer beyond this run. The remember writer (the profile's `remember:` list) replaces
 * this; until then such answers live in the session layer like "yes" and "no".
 */
export let remember: (given: GivenAnswer, rules: readonly Rule[]) => void = () => undefined

/** Install the remember writer. */
export function setRememberWriter(writer: typeof remember): void {
  remember = writer
}

/** What decided, for the log: `answer yes (file) via tty`. */
export function answerLabel(given: GivenAnswer, backend: string): string {
  return `answer ${given.answer} (${given.scope}) via ${backend}`
}
