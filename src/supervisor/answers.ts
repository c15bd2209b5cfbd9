// A person's answer to a prompt, as session rules; "always"/"never" are also written to the profile (remember).
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

/** "always" and "never" outlive the run: they are written to the profile. */
export function isLasting(answer: Answer): boolean {
  return answer === 'always' || answer === 'never'
}

/** What decided, for the log: `answer yes (file) via tty`. */
export function answerLabel(given: GivenAnswer, backend: string): string {
  return `answer ${given.answer} (${given.scope}) via ${backend}`
}
