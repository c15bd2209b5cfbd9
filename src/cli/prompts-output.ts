// `landjail prompts` and `landjail ps` as text.
import type {PendingView} from '../supervisor/prompt-agent.js'
import type {SandboxPrompts} from '../supervisor/prompt-client.js'
import type {SandboxState} from '../supervisor/sandbox-state.js'

export function formatPending(list: readonly SandboxPrompts[]): string {
  const rows = list.flatMap(({sandbox, pending}) => pending.map((p: PendingView) =>
    `${p.id.padEnd(10)} ${sandbox.profile}: ${p.comm}[${p.pid}] (${p.exe}) wants to ${p.access} ${p.path}  (${p.waitingS}s)`))
  const notices = list.flatMap(({sandbox, notices}) => notices.map((n) => `${sandbox.id} ${sandbox.profile} at ${n.time}:\n${n.text}`))
  return [rows.length > 0 ? rows.join('\n') : 'no pending prompts', ...notices].join('\n')
}

export function formatSandboxes(list: readonly SandboxState[]): string {
  if (list.length === 0) return 'no supervised sandboxes running'
  const header = `${'ID'.padEnd(8)} ${'PID'.padEnd(8)} ${'PROFILE'.padEnd(16)} ${'MODE'.padEnd(10)} ${'PROMPT'.padEnd(7)} PENDING  STARTED`
  return [header, ...list.map((s) =>
    `${s.id.padEnd(8)} ${String(s.pid).padEnd(8)} ${s.profile.padEnd(16)} ${s.mode.padEnd(10)} ${s.prompt.padEnd(7)} ${String(s.pendingPrompts).padEnd(8)} ${s.started}`)].join('\n')
}
