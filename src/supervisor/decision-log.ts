// The decision log: JSON lines in the state dir, appended in batches; `landjail log` reads it back.
import {appendFileSync, mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import type {LogEntry} from './messages.js'
import {logFile} from './runtime-paths.js'

export interface LoggedDecision extends LogEntry {
  readonly sandbox: string
  readonly profile: string
}

/** What happened to the sandbox's policy: a reload, a rejected edit, an answer remembered (or not). */
export interface LoggedEvent {
  readonly time: string
  readonly sandbox: string
  readonly profile: string
  readonly event: 'reload' | 'reload-rejected' | 'remember' | 'remember-failed'
  readonly message: string
}

export type LogLine = LoggedDecision | LoggedEvent

export class DecisionLog {
  constructor(private readonly sandbox: string, private readonly profile: string, readonly file = logFile()) {
    mkdirSync(dirname(file), {recursive: true, mode: 0o700})
  }

  write(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return
    this.append(entries.map((e) => JSON.stringify({...e, sandbox: this.sandbox, profile: this.profile} satisfies LoggedDecision)).join('\n'))
  }

  event(event: LoggedEvent['event'], message: string): void {
    const line: LoggedEvent = {time: new Date().toISOString(), sandbox: this.sandbox, profile: this.profile, event, message}
    this.append(JSON.stringify(line))
  }

  private append(lines: string): void {
    try {
      appendFileSync(this.file, lines + '\n', {mode: 0o600})
    } catch (err) {
      process.stderr.write(`landjail: cannot write the decision log ${this.file}: ${(err as Error).message}\n`)
    }
  }
}

/** One log line as a person reads it. */
export function formatLogLine(e: LogLine): string {
  const when = e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')
  if ('event' in e) return `${when} ${e.sandbox} ${e.profile} ${e.event.toUpperCase()}: ${e.message}`
  return `${when} ${e.sandbox} ${e.profile} ${e.decision.toUpperCase().padEnd(5)} ${e.access || '-'} ${e.path} by ${e.exe}[${e.pid}] ${e.call}: ${e.decidedBy}${e.repeated ? ` (${e.repeated} times)` : ''}`
}
