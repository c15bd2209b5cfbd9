// What the notification loop (a worker thread) and the main thread tell each other. Plain data, structured-cloned.
import type {Policy} from '../policy/policy.js'
import type {Access, Rule} from '../profile/types.js'

/** One question for a person: every pending call with the same path and access shares it. */
export interface PromptRequest {
  /** `${access} ${path}`: identical pending requests have the same key. */
  readonly key: string
  readonly path: string
  readonly access: Access
  /** The first caller: pid as the sandbox sees it, host pid, command name, executable, syscall. */
  readonly pid: number
  readonly hostPid: number
  readonly comm: string
  readonly exe: string
  readonly call: string
}

/** One line of the decision log. */
export interface LogEntry {
  readonly time: string
  readonly pid: number
  readonly exe: string
  readonly call: string
  readonly path: string
  readonly access: Access | ''
  readonly decision: 'allow' | 'deny'
  /** The rule or the answer that decided, or why the call was refused. */
  readonly decidedBy: string
  /** The same call, decided the same way, this many times in a row (absent: once). */
  readonly repeated?: number
}

export type ToMain =
  | {readonly kind: 'ready'}
  /** `quiet`: the sandbox never started (the launcher reports why). */
  | {readonly kind: 'failed'; readonly message: string; readonly quiet?: boolean}
  | {readonly kind: 'ask'; readonly request: PromptRequest}
  /** These keys have no pending call any more (answered, covered by another answer, or the caller died). */
  | {readonly kind: 'settled'; readonly keys: readonly string[]}
  | {readonly kind: 'log'; readonly entries: readonly LogEntry[]}
  | {readonly kind: 'pending'; readonly calls: number; readonly prompts: number}

export type ToLoop =
  /**
   * Settle the calls waiting on `key`: with `rules` added to the session layer (then every pending call is re-decided),
   * or denied. `lasting` (always/never): the rules leave the session layer once a reloaded profile holds the answer.
   */
  | {readonly kind: 'settle'; readonly key: string; readonly rules: readonly Rule[] | null; readonly by: string; readonly lasting?: boolean}
  /** A new live policy (a live edit); `floorTrusted` false when it takes away something the floor grants. */
  | {readonly kind: 'policy'; readonly live: Policy; readonly floorTrusted: boolean}
  | {readonly kind: 'stop'}

export interface LoopData {
  readonly socketFd: number
  readonly eventFd: number
  readonly floor: Policy
  readonly maxPrompts: number
  readonly maxPending: number
}
