// Open prompts of one sandbox: one per distinct (path, access), a deadline each, settled by an answer, a timeout or
// the loop (when another answer already covered it). Backends show prompts and report answers here.
import type {Rule} from '../profile/types.js'
import {answerLabel, isLasting, rulesOf, type Answer, type GivenAnswer, type Scope} from './answers.js'
import type {PromptRequest} from './messages.js'

export interface OpenPrompt {
  readonly id: string
  readonly request: PromptRequest
  readonly since: number
  /** ms since the epoch; undefined waits forever. */
  readonly deadline: number | undefined
}

export interface PromptBackend {
  readonly name: string
  show(prompt: OpenPrompt): void
  withdraw(id: string): void
  /** Tell the person something about the sandbox (a rejected profile edit): one or more lines. */
  notice(text: string): void
  close(): void
}

/** Settle the calls waiting on `key`: with the answer's rules (`lasting`: always/never), or denied (null). */
export type Settle = (key: string, rules: readonly Rule[] | null, by: string, lasting?: boolean) => void

export class PromptBroker {
  private readonly open = new Map<string, {prompt: OpenPrompt; timer?: NodeJS.Timeout}>()
  private next = 1
  private backend: PromptBackend | undefined

  constructor(
    private readonly sandboxId: string,
    private readonly timeoutS: number,
    private readonly settle: Settle,
    private readonly onChange: () => void,
    /** Hands "always" and "never" answers on to be written to the profile. */
    private readonly remember: (given: GivenAnswer) => void = () => undefined,
  ) {}

  use(backend: PromptBackend): void {
    this.backend = backend
  }

  list(): OpenPrompt[] {
    return [...this.open.values()].map((o) => o.prompt)
  }

  find(id: string): OpenPrompt | undefined {
    return this.list().find((p) => p.id === id)
  }

  /** A new distinct request from the loop. */
  ask(request: PromptRequest): void {
    if (this.open.has(request.key)) return
    const now = Date.now()
    const prompt: OpenPrompt = {id: `${this.sandboxId}-${this.next++}`, request, since: now, deadline: this.timeoutS > 0 ? now + this.timeoutS * 1000 : undefined}
    const entry: {prompt: OpenPrompt; timer?: NodeJS.Timeout} = {prompt}
    if (this.timeoutS > 0) entry.timer = setTimeout(() => this.deny(prompt.id, `no answer within ${this.timeoutS} s`), this.timeoutS * 1000)
    this.open.set(request.key, entry)
    this.onChange()
    if (!this.backend) return this.deny(prompt.id, 'no prompt backend')
    this.backend.show(prompt)
  }

  /** The loop no longer has calls waiting on these keys. */
  settled(keys: readonly string[]): void {
    for (const key of keys) this.drop(key)
  }

  /** A person answered prompt `id`; false when there is no such open prompt. */
  answer(id: string, answer: Answer, scope: Scope, via: string): boolean {
    const prompt = this.find(id)
    if (!prompt) return false
    const given = {request: prompt.request, answer, scope}
    this.drop(prompt.request.key)
    this.settle(prompt.request.key, rulesOf(given), answerLabel(given, via), isLasting(answer))
    if (isLasting(answer)) this.remember(given)
    return true
  }

  /** Deny prompt `id` without adding a rule (timeout, no backend, shutdown). */
  deny(id: string, why: string): void {
    const prompt = this.find(id)
    if (!prompt) return
    this.drop(prompt.request.key)
    this.settle(prompt.request.key, null, why)
  }

  /** Show `text` on the backend. */
  notice(text: string): void {
    this.backend?.notice(text)
  }

  close(): void {
    for (const p of this.list()) this.deny(p.id, 'landjail is stopping')
    this.backend?.close()
  }

  private drop(key: string): void {
    const entry = this.open.get(key)
    if (!entry) return
    if (entry.timer) clearTimeout(entry.timer)
    this.open.delete(key)
    this.backend?.withdraw(entry.prompt.id)
    this.onChange()
  }
}
