// The client side of the agent socket: what `landjail prompts` uses.
import {connect} from 'node:net'
import {createInterface} from 'node:readline'
import type {Notice, PendingView} from './prompt-agent.js'
import {listSandboxes, type SandboxState} from './sandbox-state.js'

export interface SandboxPrompts {
  readonly sandbox: SandboxState
  readonly pending: readonly PendingView[]
  /** Recent messages of the sandbox (rejected profile edits). */
  readonly notices: readonly Notice[]
}

/** Send one JSON request on a socket and read one JSON line back. */
export function requestAgent(socket: string, request: object, timeoutMs = 5000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const conn = connect(socket)
    const timer = setTimeout(() => {
      conn.destroy()
      reject(new Error(`no reply from ${socket}`))
    }, timeoutMs)
    conn.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    conn.on('connect', () => conn.write(JSON.stringify(request) + '\n'))
    const lines = createInterface({input: conn})
    // readline passes the socket's errors on (a sandbox that just ended: ENOENT, ECONNREFUSED); conn's handler answers.
    lines.on('error', () => undefined)
    lines.once('line', (line) => {
      clearTimeout(timer)
      conn.end()
      try {
        resolve(JSON.parse(line) as Record<string, unknown>)
      } catch {
        reject(new Error(`bad reply from ${socket}`))
      }
    })
  })
}

/** Pending prompts of every running sandbox with an agent socket. */
export async function listPrompts(): Promise<SandboxPrompts[]> {
  const out: SandboxPrompts[] = []
  for (const sandbox of listSandboxes()) {
    if (!sandbox.socket) continue
    try {
      const reply = await requestAgent(sandbox.socket, {op: 'list'})
      out.push({sandbox, pending: (reply.pending as PendingView[] | undefined) ?? [], notices: (reply.notices as Notice[] | undefined) ?? []})
    } catch {
      // it is exiting
    }
  }
  return out
}

/** Answer prompt `id` (`SANDBOX-N`); the error text when it could not be answered. */
export async function answerPrompt(id: string, answer: string, scope: string): Promise<string | undefined> {
  const sandboxId = id.slice(0, id.lastIndexOf('-'))
  const sandbox = listSandboxes().find((s) => s.id === sandboxId)
  if (!sandbox) return `no running sandbox "${sandboxId}" (prompt ids look like SANDBOX-N; see \`landjail prompts\`)`
  if (!sandbox.socket) return `sandbox "${sandboxId}" asks on ${sandbox.prompt}, not through the agent socket`
  const reply = await requestAgent(sandbox.socket, {op: 'answer', id, answer, scope})
  return reply.ok === true ? undefined : String(reply.error ?? 'refused')
}
