// --prompt agent: a unix socket per sandbox (mode 0600 in a 0700 dir), JSON lines. `landjail prompts` is its client.
//   -> {"op":"list"}                                   <- {"ok":true,"sandbox":ID,"profile":P,"pending":[...],"notices":[...]}
//   -> {"op":"answer","id":ID,"answer":"yes","scope":"file"}   <- {"ok":true} | {"ok":false,"error":"..."}
import {chmodSync, rmSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {createInterface} from 'node:readline'
import {ANSWERS, SCOPES, type Answer, type Scope} from './answers.js'
import type {OpenPrompt, PromptBackend, PromptBroker} from './prompt-broker.js'

export interface PendingView {
  readonly id: string
  readonly access: string
  readonly path: string
  readonly pid: number
  readonly comm: string
  readonly exe: string
  readonly call: string
  readonly waitingS: number
}

export function viewOf(p: OpenPrompt): PendingView {
  const r = p.request
  return {id: p.id, access: r.access, path: r.path, pid: r.pid, comm: r.comm, exe: r.exe, call: r.call, waitingS: Math.round((Date.now() - p.since) / 1000)}
}

interface AgentRequest {
  op?: unknown
  id?: unknown
  answer?: unknown
  scope?: unknown
}

/** A message for the person (a rejected profile edit), kept for `landjail prompts`. */
export interface Notice {
  readonly time: string
  readonly text: string
}

const MAX_NOTICES = 10

function handle(broker: PromptBroker, sandbox: string, profile: string, notices: readonly Notice[], req: AgentRequest): object {
  if (req.op === 'list') return {ok: true, sandbox, profile, pending: broker.list().map(viewOf), notices}
  if (req.op === 'answer') {
    if (typeof req.id !== 'string') return {ok: false, error: 'answer needs "id"'}
    if (!ANSWERS.includes(req.answer as Answer)) return {ok: false, error: `answer must be one of ${ANSWERS.join(', ')}, got ${JSON.stringify(req.answer)}`}
    const scope = req.scope ?? 'file'
    if (!SCOPES.includes(scope as Scope)) return {ok: false, error: `scope must be file or dir, got ${JSON.stringify(scope)}`}
    return broker.answer(req.id, req.answer as Answer, scope as Scope, 'agent') ? {ok: true} : {ok: false, error: `no pending prompt "${req.id}"`}
  }
  return {ok: false, error: `unknown op ${JSON.stringify(req.op)}`}
}

/** Listen on `socketPath`; resolves once listening. */
export async function agentBackend(broker: PromptBroker, socketPath: string, sandbox: string, profile: string): Promise<PromptBackend> {
  rmSync(socketPath, {force: true})
  const notices: Notice[] = []
  const server: Server = createServer((conn) => {
    conn.on('error', () => undefined)
    createInterface({input: conn}).on('line', (line) => {
      let reply: object
      try {
        reply = handle(broker, sandbox, profile, notices, JSON.parse(line) as AgentRequest)
      } catch {
        reply = {ok: false, error: 'not JSON'}
      }
      if (!conn.destroyed) conn.write(JSON.stringify(reply) + '\n')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  chmodSync(socketPath, 0o600)
  server.unref()
  return {
    name: 'agent',
    show: () => undefined, // clients ask for the list
    withdraw: () => undefined,
    notice(text) {
      notices.push({time: new Date().toISOString(), text})
      notices.splice(0, notices.length - MAX_NOTICES)
      process.stderr.write(`${text}\n`)
    },
    close() {
      server.close()
      rmSync(socketPath, {force: true})
    },
  }
}
