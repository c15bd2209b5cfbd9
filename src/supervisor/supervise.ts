// The main-thread side of supervise mode: starts the notification loop in a worker, hands its answers over (message +
// eventfd), runs the prompt backend, writes the decision log and the state file `landjail ps` reads, follows the
// profile's files (a good edit replaces the loop's live policy, a broken one is shown) and writes "always"/"never"
// answers into the profile. Fails closed: if the loop dies or cannot start, the sandbox is killed.
import {randomBytes} from 'node:crypto'
import {join} from 'node:path'
import {MessageChannel, Worker, type MessagePort} from 'node:worker_threads'
import type {Policy} from '../policy/policy.js'
import {takesAway} from '../policy/takes-away.js'
import {nodeFsView, type ProfileHost} from '../profile/host.js'
import type {LoadedProfile} from '../profile/load-profile.js'
import {LockTimeoutError} from '../profile/remember/lock-file.js'
import {rememberAnswer, type RememberResult} from '../profile/remember/remember-answer.js'
import type {Answer as RememberedAnswer} from '../profile/remember/remember-line.js'
import type {RememberTarget} from '../profile/remember/remember-target.js'
import {eventFd, signalEventFd, unixSocketPair} from '../kernel/fd-passing.js'
import {closeQuietly} from '../kernel/fs-at.js'
import {isLasting, type GivenAnswer} from './answers.js'
import {scopeDir} from './decide-call.js'
import {DecisionLog} from './decision-log.js'
import type {LoopData, ToLoop, ToMain} from './messages.js'
import {agentBackend} from './prompt-agent.js'
import {PromptBroker, type PromptBackend} from './prompt-broker.js'
import {noneBackend} from './prompt-none.js'
import {ttyBackend} from './prompt-tty.js'
import type {PromptBackendName} from './prompt-backends.js'
import {ensurePrivateDir, runtimeDir} from './runtime-paths.js'
import {liveProfile, type LiveProfile} from './reload/live-profile.js'
import type {ReloadResult} from './reload/reload-policy.js'
import {removeState, writeState, type SandboxState} from './sandbox-state.js'

/** The notification loop's young generation (MB): 1 MB semi-spaces; the default lets them grow to 16 MB each. */
const LOOP_YOUNG_GENERATION_MB = 3


export interface SuperviseOptions {
  /** The policy the sandbox is launched with: what Landlock and the mounts enforce. */
  readonly floor: Policy
  readonly profileName: string
  /** The profile as launched: its files are followed (live editing) and answers are remembered in it. */
  readonly profile?: {readonly target: string; readonly loaded: LoadedProfile; readonly host: ProfileHost}
  readonly prompt: PromptBackendName
  /** Seconds a prompt waits before it denies; 0 waits forever. */
  readonly promptTimeoutS: number
  readonly maxPrompts?: number
  readonly maxPending?: number
}

export class Supervisor {
  /** The end of the socket pair that goes into the sandbox (runSandbox passes it on and closes it). */
  readonly stageSocketFd: number
  private readonly worker: Worker
  private readonly toLoop: MessageChannel
  private readonly wake: number
  private readonly broker: PromptBroker
  private readonly log: DecisionLog
  private readonly runDir = runtimeDir()
  private state: SandboxState
  private bwrapPid: number | undefined
  private failed: string | undefined
  private readonly ended: Promise<void>
  private stopped = false
  private live: LiveProfile | undefined
  /** Answers being written, one after another; stop() waits for them so that none is lost. */
  private remembering: Promise<void> = Promise.resolve()

  private constructor(readonly id: string, private readonly options: SuperviseOptions, socketPath: string | undefined) {
    const [ours, theirs] = unixSocketPair()
    this.stageSocketFd = theirs
    this.wake = eventFd()
    this.toLoop = new MessageChannel()
    this.log = new DecisionLog(this.id, options.profileName)
    this.broker = new PromptBroker(
      this.id, options.promptTimeoutS,
      (key, rules, by, lasting) => this.send({kind: 'settle', key, rules, by, ...(lasting ? {lasting} : {})}),
      () => this.publish(),
      (given) => this.remember(given),
    )
    this.state = {
      id: this.id, pid: process.pid, profile: options.profileName, mode: 'supervise', prompt: options.prompt,
      started: new Date().toISOString(), pendingPrompts: 0, pendingCalls: 0, ...(socketPath ? {socket: socketPath} : {}),
    }
    const data: LoopData & {port: MessagePort} = {
      socketFd: ours, eventFd: this.wake, floor: options.floor,
      maxPrompts: options.maxPrompts ?? 64, maxPending: options.maxPending ?? 1024,
      port: this.toLoop.port2,
    }
    this.worker = new Worker(new URL('./notify-loop.js', import.meta.url), {
      workerData: data, transferList: [this.toLoop.port2],
      // The loop keeps little alive, but its young generation grew to 16 MB semi-spaces under a busy program and
      // stayed there: capped, the supervisor stays under 80 MB resident (see docs/benchmarks.md).
      resourceLimits: {maxYoungGenerationSizeMb: LOOP_YOUNG_GENERATION_MB},
    })
    this.worker.on('message', (m: ToMain) => this.onMessage(m))
    this.ended = new Promise((resolve) => {
      this.worker.once('error', (err) => {
        this.fail(`the supervisor loop failed: ${err.message}`)
        resolve()
      })
      this.worker.once('exit', () => resolve())
    })
    writeState(this.state, this.runDir)
  }

  /** Start a supervisor and its prompt backend. */
  static async start(options: SuperviseOptions): Promise<Supervisor> {
    const id = randomBytes(3).toString('hex')
    const socketPath = options.prompt === 'agent' ? join(ensurePrivateDir(runtimeDir()), `${id}.sock`) : undefined
    const sup = new Supervisor(id, options, socketPath)
    let backend: PromptBackend
    if (options.prompt === 'agent' && socketPath) backend = await agentBackend(sup.broker, socketPath, sup.id, options.profileName)
    else if (options.prompt === 'tty') backend = ttyBackend(sup.broker, options.profileName)
    else backend = noneBackend(sup.broker)
    sup.broker.use(backend)
    if (options.profile) {
      const {target, loaded, host} = options.profile
      sup.live = liveProfile(target, host, {loaded, policy: options.floor}, (result, changed) => sup.onReload(result, changed))
      await sup.live.ready
    }
    return sup
  }

  /** bwrap is running: kill it if the loop fails (fail closed). */
  attach(bwrapPid: number): void {
    this.bwrapPid = bwrapPid
    if (this.failed) this.killSandbox()
  }

  /** Why supervision failed, if it did (the sandbox was killed then). */
  get failure(): string | undefined {
    return this.failed
  }

  /** Stop the loop, deny what is still open, remove the state files. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await this.remembering
    await this.live?.close()
    this.broker.close()
    this.send({kind: 'stop'})
    await Promise.race([this.ended, new Promise((r) => setTimeout(r, 2000).unref())])
    await this.worker.terminate()
    closeQuietly(this.wake)
    removeState(this.id, this.runDir)
  }

  private send(m: ToLoop): void {
    this.toLoop.port1.postMessage(m)
    signalEventFd(this.wake)
  }

  private onMessage(m: ToMain): void {
    switch (m.kind) {
      case 'ready':
        return
      case 'failed':
        return this.fail(m.message, m.quiet === true)
      case 'ask':
        return this.broker.ask(m.request)
      case 'settled':
        return this.broker.settled(m.keys)
      case 'log':
        return this.log.write(m.entries)
      case 'pending':
        this.state = {...this.state, pendingCalls: m.calls}
        return this.publish()
    }
  }

  /** A profile file changed: a good edit becomes the live policy (pending prompts are decided again), a bad one is shown. */
  private onReload(result: ReloadResult, changed: readonly string[]): void {
    const files = changed.length > 0 ? changed.join(', ') : 'the profile'
    if (result.kind === 'rejected') {
      const text = `landjail: the edit of ${files} is not applied (the last good profile stays in force):\n${result.errors.join('\n')}`
      this.broker.notice(text)
      this.log.event('reload-rejected', text)
      return
    }
    const fs = nodeFsView()
    const trusted = !takesAway(this.options.floor, result.policy, (pattern) => fs.glob(pattern))
    this.send({kind: 'policy', live: result.policy, floorTrusted: trusted})
    this.log.event('reload', `${files}: new policy in force${trusted ? '' : '; it takes away what the sandbox was started with, so the supervisor carries out every trapped call itself'}`)
  }

  /** Write an "always"/"never" answer into the profile (or its local override), then reload. */
  private remember(given: GivenAnswer): void {
    const profile = this.options.profile
    if (!profile || !isLasting(given.answer)) return
    const {request, scope} = given
    const answer = {
      effect: given.answer === 'always' ? 'allow' : 'deny', access: request.access,
      path: scope === 'dir' ? scopeDir(request.path) : request.path, program: request.comm,
    } as const
    const target = {profileFile: profile.loaded.file, localFile: profile.loaded.localFile}
    this.remembering = this.remembering
      .then(() => rememberPatiently(target, answer, profile.host))
      .then((r) => {
        this.log.event('remember', r.added ? `"${r.entry}" written to ${r.file}` : `"${r.entry}": ${r.file} already says so; nothing written`)
        if (r.added) this.live?.reloadNow([r.file])
      })
      .catch((err: unknown) => {
        const message = `cannot remember "${answer.effect} ${answer.access} ${answer.path}": ${(err as Error).message}; the answer holds for this run only`
        this.broker.notice(`landjail: ${message}`)
        this.log.event('remember-failed', message)
      })
  }

  private publish(): void {
    if (this.stopped) return
    this.state = {...this.state, pendingPrompts: this.broker.list().length}
    writeState(this.state, this.runDir)
  }

  private fail(message: string, quiet = false): void {
    if (this.failed) return
    this.failed = message
    if (!quiet) process.stderr.write(`landjail: ${message}; stopping the sandbox\n`)
    this.killSandbox()
  }

  private killSandbox(): void {
    if (this.bwrapPid === undefined) return
    try {
      process.kill(this.bwrapPid, 'SIGKILL') // --die-with-parent takes everything inside with it
    } catch {
      // gone already
    }
  }
}

/** A busy profile (many sandboxes answering, a person saving) only delays an answer: a lock timeout is retried. */
async function rememberPatiently(target: RememberTarget, answer: RememberedAnswer, host: ProfileHost, attempts = 6): Promise<RememberResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rememberAnswer(target, answer, {host})
    } catch (error) {
      if (!(error instanceof LockTimeoutError) || attempt >= attempts) throw error
    }
  }
}
