// Shared shapes of the profile front ends: spans, diagnostics and the layers they produce.

/** A place in a source file; line and column are computed only when printed. */
export interface Span {
  readonly file: string
  readonly offset: number
  readonly length: number
}

export const Severity = {error: 'error', warning: 'warning', note: 'note'} as const
export type Severity = (typeof Severity)[keyof typeof Severity]

/** One problem found in a profile. `includedFrom` lists the include sites, innermost first. */
export interface Diagnostic {
  readonly code: string
  readonly severity: Severity
  readonly message: string
  readonly span?: Span
  readonly includedFrom?: readonly Span[]
}

export const ACCESSES = ['read', 'write', 'exec'] as const
export type Access = (typeof ACCESSES)[number]

export type Effect = 'allow' | 'deny'

/** What a rule was written as: the key it came from decides how the mount plan realises it. */
export type RuleKind =
  | 'read'
  | 'write'
  | 'exec'
  | 'blacklist'
  | 'readonly'
  | 'remember'
  | 'session'
  | 'whitelist'
  | 'noexec'

/** One path rule for one access. `path` is absolute and macro-expanded; `glob` marks a pattern. */
export interface Rule {
  readonly path: string
  readonly glob: boolean
  readonly access: Access
  readonly effect: Effect
  readonly kind: RuleKind
  readonly span?: Span
  /** The text as written in the profile, before macros. */
  readonly written: string
}

/** A hidden path that a higher layer may cancel (`noblacklist`). */
export interface LayerKind {
  readonly kind: 'include' | 'profile' | 'local' | 'remember' | 'session'
}

export type UnknownMode = 'prompt' | 'deny' | 'allow'

export interface NetworkSettings {
  /** Own network namespace: no network at all. */
  readonly none: boolean
  /** TCP ports that may be connected to; undefined means any. */
  readonly connect?: readonly number[]
  /** TCP ports that may be bound; undefined means any. */
  readonly bind?: readonly number[]
}

/** One layer of a policy, lowest first: what one file (or the session) contributes. */
export interface Layer {
  readonly kind: LayerKind['kind']
  readonly name: string
  readonly file: string
  readonly rules: readonly Rule[]
  /** `noblacklist` entries: remove matching blacklist rules of lower layers. */
  readonly noblacklist: readonly {readonly path: string; readonly glob: boolean; readonly span?: Span}[]
  /** Settings this layer sets; the highest layer that sets one wins. */
  readonly settings: LayerSettings
}

export interface LayerSettings {
  readonly description?: string
  readonly command?: readonly string[]
  readonly unknown?: UnknownMode
  readonly unknownSpan?: Span
  readonly network?: Partial<NetworkSettings>
  readonly networkSpans?: Partial<Record<'none' | 'connect' | 'bind', Span>>
  /** Directories replaced by an empty private tmpfs. */
  readonly private?: readonly string[]
  /** Environment variables removed before the program starts. */
  readonly envUnset?: readonly string[]
  /** IPC that may cross the sandbox boundary (Landlock scopes). */
  readonly ipc?: {readonly abstractUnix?: boolean; readonly signal?: boolean}
  /** Directives recognised but not enforced (Firejail front end), reported once per run. */
  readonly notEnforced?: readonly {readonly directive: string; readonly span?: Span}[]
}

/** The values macros expand to; pure code never reads the environment itself. */
export interface MacroEnv {
  readonly HOME: string
  readonly RUNUSER: string
  readonly TMPDIR: string
  readonly PWD: string
  readonly [name: string]: string
}
