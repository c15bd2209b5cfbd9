// The notification loop, run in a worker thread: receive each trapped call, decode it, decide, answer. Never blocks on
// a person: a call that needs a prompt waits in `pending` and is answered by id when the main thread settles it
// (it writes the eventfd this loop polls next to the listener).
import {readFileSync} from 'node:fs'
import {receiveMessageOnPort, workerData, parentPort, type MessagePort} from 'node:worker_threads'
import {decide, enforced} from '../policy/decide.js'
import {withLayer, type Policy} from '../policy/policy.js'
import {canonicalPath} from '../profile/host.js'
import type {Layer, Rule} from '../profile/types.js'
import {drainEventFd, pollFds, POLLERR, POLLHUP, POLLIN, POLLNVAL, receiveFd, writeFd} from '../kernel/fd-passing.js'
import {AT_EMPTY_PATH, AT_SYMLINK_FOLLOW, AT_SYMLINK_NOFOLLOW, closeQuietly, CLONE_FS, O_CREAT, O_EXCL, O_NOFOLLOW, umask, unshare} from '../kernel/fs-at.js'
import {allocNotifBuffers, NOTIF_PID, notifAddfdSend, notifIdValid, notifRecv, notifSend, SECCOMP_USER_NOTIF_FLAG_CONTINUE} from '../kernel/notify.js'
import {ProcessMemoryReader} from '../kernel/process-memory.js'
import {seccompNotifSetFlags, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP} from '../kernel/seccomp.js'
import {carryOut} from './carry-out.js'
import {decodeCall, type DecodedCall} from './decode-call.js'
import {accessesOfCall, decideCall, type CallTargets, type Outcome} from './decide-call.js'
import type {LogEntry, LoopData, PromptRequest, ToLoop, ToMain} from './messages.js'
import {openSandboxRoot, PathResolver, readProcLink, type Resolved} from './resolve-path.js'

const EACCES = 13

interface Waiting {
  readonly id: Buffer
  readonly tid: number
  readonly call: DecodedCall
  readonly from: Resolved
  readonly to: Resolved | undefined
  readonly targets: CallTargets
  /** Who asked, read while the caller is certainly alive (before any answer lets it go on and maybe exit). */
  caller?: {pid: number; comm: string; exe: string}
}

/** Put `key` in one of the loop's cache maps, which stay small: a full one (`limit` entries) starts afresh. */
function keep<K, V>(cache: Map<K, V>, key: K, value: V, limit = 4096): void {
  if (cache.size >= limit) cache.clear()
  cache.set(key, value)
}

/** Host process facts for prompts and the log. */
function describeCaller(tid: number): {pid: number; comm: string; exe: string} {
  let pid = tid
  let comm = '?'
  try {
    const status = readFileSync(`/proc/${tid}/status`, 'utf8')
    const ns = /^NStgid:\s+(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/)
    pid = Number(ns?.[ns.length - 1] ?? tid)
    comm = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?'
  } catch {
    // gone
  }
  return {pid, comm, exe: readProcLink(`/proc/${tid}/exe`) ?? '?'}
}

export class NotifyLoop {
  private readonly bufs = allocNotifBuffers()
  private readonly memory = new ProcessMemoryReader()
  private resolver: PathResolver | undefined
  private rootFd = -1
  private liveBase: Policy
  private live: Policy
  /** False while the live profile takes away something the floor grants (then nothing is continued). */
  private profileTrusted = true
  /** An answer denied something the floor grants: nothing is continued for the rest of the run. */
  private answerTookAway = false
  /** Whether a call the floor allows may be continued: neither the profile nor an answer took anything away. */
  private get floorTrusted(): boolean {
    return this.profileTrusted && !this.answerTookAway
  }
  /** Session rules: "yes"/"no" answers for this run, and "always"/"never" ones until the profile holds them. */
  private session: {rule: Rule; lasting: boolean}[] = []
  private readonly pending = new Map<string, Waiting[]>()
  private pendingCalls = 0
  private logBatch: LogEntry[] = []
  /** Callers described lately, by tid: a program hammering one path costs one /proc read per second, not per call. */
  private readonly callers = new Map<number, {at: number; caller: NonNullable<Waiting['caller']>}>()

  constructor(private readonly listener: number, private readonly data: LoopData, private readonly post: (m: ToMain) => void) {
    this.liveBase = data.floor
    this.live = data.floor
  }

  /** Poll the listener and the wake-up eventfd until the sandbox is gone or the main thread says stop. */
  run(port: MessagePort): void {
    const pfd = Buffer.alloc(16)
    pfd.writeInt32LE(this.listener, 0)
    pfd.writeInt16LE(POLLIN, 4)
    pfd.writeInt32LE(this.data.eventFd, 8)
    pfd.writeInt16LE(POLLIN, 12)
    const scratch = Buffer.alloc(8)
    for (;;) {
      pfd.writeInt16LE(0, 6)
      pfd.writeInt16LE(0, 14)
      const n = pollFds(pfd, 2, this.logBatch.length > 0 ? 50 : -1)
      if (n === -4) continue
      if (n < 0) break
      if (n === 0) this.flushLog()
      if (pfd.readInt16LE(14) & POLLIN) {
        drainEventFd(this.data.eventFd, scratch)
        let stop = false
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) stop = this.onMessage(m.message as ToLoop) || stop
        if (stop) break
      }
      const ready = pfd.readInt16LE(6)
      if (ready & POLLIN) this.receiveOne()
      else if (ready & (POLLHUP | POLLERR | POLLNVAL)) break
      if (this.logBatch.length >= 64) this.flushLog()
    }
    this.flushLog()
  }

  private flushLog(): void {
    if (this.logBatch.length === 0) return
    this.post({kind: 'log', entries: this.logBatch})
    this.logBatch = []
  }

  private log(tid: number, call: string, path: string, access: LogEntry['access'], decision: LogEntry['decision'], decidedBy: string, known?: Waiting['caller']): void {
    const caller = known ?? this.callerOf(tid)
    // The same decision again and again (a program in a loop) is one line with a count. The batch is the loop's own
    // until it is posted, so the count is kept in place.
    const last = this.logBatch[this.logBatch.length - 1] as {-readonly [K in keyof LogEntry]: LogEntry[K]} | undefined
    if (last && last.pid === caller.pid && last.exe === caller.exe && last.call === call && last.path === path &&
      last.access === access && last.decision === decision && last.decidedBy === decidedBy) {
      last.repeated = (last.repeated ?? 1) + 1
      return
    }
    this.logBatch.push({time: new Date().toISOString(), pid: caller.pid, exe: caller.exe, call, path, access, decision, decidedBy})
  }

  /** The caller's pid, name and executable, read again after a second or after it called exec. */
  private callerOf(tid: number): NonNullable<Waiting['caller']> {
    const now = Date.now()
    const known = this.callers.get(tid)
    if (known && now - known.at < 1000) return known.caller
    const caller = describeCaller(tid)
    keep(this.callers, tid, {at: now, caller}, 1024)
    return caller
  }

  private receiveOne(): void {
    const {notif, id} = this.bufs
    if (notifRecv(this.listener, this.bufs) < 0) return // the caller was killed meanwhile
    notif.copy(id, 0, 0, 8)
    const tid = notif.readUInt32LE(NOTIF_PID)
    if (!this.resolver) {
      this.rootFd = openSandboxRoot(tid)
      if (this.rootFd < 0 || !notifIdValid(this.listener, id)) {
        if (this.rootFd >= 0) closeQuietly(this.rootFd)
        this.rootFd = -1
        this.answerError(id, EACCES)
        return
      }
      this.resolver = new PathResolver(this.rootFd)
    }
    const call = decodeCall(notif, tid, this.memory)
    // What was read belongs to this caller only while the notification is still pending (the pid may be reused).
    if (!notifIdValid(this.listener, id)) return
    if (typeof call === 'number') {
      this.answerError(id, -call)
      this.log(tid, '?', '', '', 'deny', `unreadable argument (${-call})`)
      return
    }
    // The absolute path of an object the call names, worked out once for the resolution map and the resolution.
    const abs = this.objectPath(tid, call)
    const key = abs === undefined ? undefined : `${call.kind}\0${call.flags & (O_NOFOLLOW | AT_SYMLINK_NOFOLLOW | O_CREAT | O_EXCL)}\0${abs}`
    if (key === undefined) this.resolutions.clear()
    else if (this.continueQuickly(key, call, id)) return
    const {from, to} = this.resolve(tid, call, abs)
    if (from.path === '' || to?.path === '') {
      // No absolute path to decide on (an empty path, bytes that are not UTF-8, a dirfd that is no directory): refuse.
      const empty = call.from.path.length === 1 || call.to?.path.length === 1
      this.answerError(id, empty ? 2 /* ENOENT */ : EACCES)
      if (!empty) this.log(tid, call.name, call.from.path.toString('utf8', 0, call.from.path.length - 1), '', 'deny', 'path could not be resolved in the sandbox')
      this.release({id, tid, call, from, to, targets: {kind: call.kind, flags: 0, path: '', missing: false}})
      return
    }
    const failed = from.fd < 0 ? from : to && to.fd < 0 ? to : undefined
    const notThere = from.name !== undefined && (call.kind === 'exec' || call.kind === 'truncate' || (call.kind === 'open' && !(call.flags & O_CREAT)))
    if (failed || notThere) {
      // The kernel's own answer, without deciding: the path does not lead to an object (ENOENT, ENOTDIR, ELOOP, or a
      // hidden directory's EACCES). Nothing is let through, and nobody is asked about files that are not there.
      this.answerError(id, failed ? -failed.error : 2 /* ENOENT */)
      this.release({id, tid, call, from, to, targets: {kind: call.kind, flags: 0, path: '', missing: false}})
      return
    }
    const targets: CallTargets = {kind: call.kind, flags: call.flags, path: from.path, missing: from.name !== undefined, ...(to ? {to: to.path} : {})}
    if (key !== undefined && !targets.missing) {
      keep(this.resolutions, key, {path: from.path, at: Date.now()})
    }
    const waiting: Waiting = {id: Buffer.from(id), tid, call, from, to, targets}
    this.act(waiting, this.decide(targets), true)
  }

  /**
   * Where paths led lately (absolute path as given -> canonical path), for calls that name an existing object. Only
   * ever used to let a call continue, which is safe whatever the path now leads to: Landlock checks the real object
   * against a floor that grants no more than the live policy. Anything else is decided on a fresh resolution. The
   * map is emptied by every call that changes names in the sandbox, and an entry older than a second is not used
   * (names changed from outside the sandbox).
   */
  private readonly resolutions = new Map<string, {path: string; at: number}>()

  /** For opens, execs and truncates (calls that name an existing object): the absolute path named, if knowable. */
  private objectPath(tid: number, call: DecodedCall): string | undefined {
    if (call.kind !== 'open' && call.kind !== 'exec' && call.kind !== 'truncate') return undefined
    if (call.kind === 'exec' && call.flags & AT_EMPTY_PATH) return undefined
    return (this.resolver as PathResolver).absolute(tid, call.from, false)
  }

  /** Continue a call at once when a recent resolution of its path says the floor allows it; false to decide it fully. */
  private continueQuickly(key: string, call: DecodedCall, id: Buffer): boolean {
    if (!this.floorTrusted) return false
    const known = this.resolutions.get(key)
    if (!known || Date.now() - known.at > 1000) return false
    if (this.decide({kind: call.kind, flags: call.flags, path: known.path, missing: false}).kind !== 'continue') return false
    notifSend(this.listener, this.bufs, id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE)
    return true
  }

  /** Resolve the call's paths; `abs`: the object's absolute path when objectPath already worked it out. */
  private resolve(tid: number, call: DecodedCall, abs: string | undefined): {from: Resolved; to?: Resolved} {
    const r = this.resolver as PathResolver
    const object = (follow: boolean, flags = 0): Resolved => (abs !== undefined ? r.resolveObjectAt(abs, follow) : r.resolveObject(tid, call.from, follow, flags))
    switch (call.kind) {
      case 'open':
        return {from: object(!(call.flags & O_NOFOLLOW) && (call.flags & (O_CREAT | O_EXCL)) !== (O_CREAT | O_EXCL))}
      case 'truncate':
        return {from: object(true)}
      case 'exec':
        return {from: object(!(call.flags & AT_SYMLINK_NOFOLLOW), call.flags & AT_EMPTY_PATH)}
      case 'link': {
        const from = call.flags & (AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)
          ? r.resolveObject(tid, call.from, true, call.flags & AT_EMPTY_PATH)
          : r.resolveNameOf(tid, call.from)
        return {from, to: r.resolveNameOf(tid, call.to as DecodedCall['from'])}
      }
      case 'rename':
        return {from: r.resolveNameOf(tid, call.from), to: r.resolveNameOf(tid, call.to as DecodedCall['from'])}
      default:
        return {from: r.resolveNameOf(tid, call.from)}
    }
  }

  /** Outcomes by call shape, valid until the live policy or the trust in the floor changes (a program repeats itself). */
  private readonly outcomes = new Map<string, Outcome>()

  private decide(targets: CallTargets): Outcome {
    const key = `${targets.kind}\0${targets.flags}\0${targets.missing ? 1 : 0}\0${targets.path}\0${targets.to ?? ''}`
    const known = this.outcomes.get(key)
    if (known) return known
    const outcome = decideCall({live: this.live, floor: this.data.floor, floorTrusted: this.floorTrusted}, accessesOfCall(targets))
    keep(this.outcomes, key, outcome)
    return outcome
  }

  private answerError(id: Buffer, errno: number): void {
    notifSend(this.listener, this.bufs, id, 0, -errno, 0)
  }

  private release(w: Waiting): void {
    if (w.from.fd >= 0) closeQuietly(w.from.fd)
    if (w.to && w.to.fd >= 0) closeQuietly(w.to.fd)
  }

  /** Answer a call per its outcome, or park it until a person answers. `fresh`: first time seen (may open a prompt). */
  private act(w: Waiting, outcome: Outcome, fresh: boolean): void {
    const {call, targets} = w
    switch (outcome.kind) {
      case 'continue':
        notifSend(this.listener, this.bufs, w.id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE)
        break
      case 'deny':
        w.caller ??= this.callerOf(w.tid)
        this.answerError(w.id, EACCES)
        this.log(w.tid, call.name, outcome.path, outcome.access, 'deny', outcome.by, w.caller)
        break
      case 'carry-out': {
        if (call.kind === 'exec') {
          this.answerError(w.id, EACCES)
          this.log(w.tid, call.name, targets.path, 'exec', 'deny', 'exec beyond the floor cannot be carried out safely; add it to the profile and restart', w.caller)
          break
        }
        // The caller may have been killed while a prompt was open: do nothing on its behalf then.
        if (!fresh && !notifIdValid(this.listener, w.id)) break
        w.caller ??= this.callerOf(w.tid)
        const done = carryOut(call, w.tid, w.from, w.to)
        if (done.kind === 'fd') {
          notifAddfdSend(this.listener, this.bufs, w.id, done.fd, done.cloexec ? 0o2000000 : 0)
          closeQuietly(done.fd)
        } else if (done.kind === 'value') {
          notifSend(this.listener, this.bufs, w.id, done.value, 0, 0)
        } else {
          this.answerError(w.id, done.errno)
        }
        this.log(w.tid, call.name, targets.path, accessesOfCall(targets).live[0]?.[1] ?? '', 'allow', `${outcome.by} (carried out${done.kind === 'error' ? `: errno ${done.errno}` : ''})`, w.caller)
        break
      }
      case 'ask':
        if (call.kind === 'exec') {
          this.answerError(w.id, EACCES)
          this.log(w.tid, call.name, outcome.path, 'exec', 'deny', 'exec beyond the floor is not asked: it cannot be carried out safely')
          break
        }
        this.park(w, `${outcome.access} ${outcome.path}`, outcome)
        return // keeps its fds
    }
    if (call.kind === 'exec') this.callers.delete(w.tid) // the next call may come from another program
    this.release(w)
  }

  private park(w: Waiting, key: string, outcome: Extract<Outcome, {kind: 'ask'}>): void {
    const list = this.pending.get(key)
    if (list) {
      if (this.pendingCalls >= this.data.maxPending) return this.refuse(w, outcome, 'too many pending calls')
      w.caller ??= describeCaller(w.tid)
      list.push(w)
    } else {
      if (this.pending.size >= this.data.maxPrompts) return this.refuse(w, outcome, `more than ${this.data.maxPrompts} open prompts`)
      this.pending.set(key, [w])
      const caller = (w.caller ??= describeCaller(w.tid))
      const request: PromptRequest = {key, path: outcome.path, access: outcome.access, pid: caller.pid, hostPid: w.tid, comm: caller.comm, exe: caller.exe, call: w.call.name}
      this.post({kind: 'ask', request})
    }
    this.pendingCalls++
    this.postPending()
  }

  private refuse(w: Waiting, outcome: Extract<Outcome, {kind: 'ask'}>, why: string): void {
    this.answerError(w.id, EACCES)
    this.log(w.tid, w.call.name, outcome.path, outcome.access, 'deny', why, w.caller)
    this.release(w)
  }

  private postPending(): void {
    this.post({kind: 'pending', calls: this.pendingCalls, prompts: this.pending.size})
  }

  /** Handle one message from the main thread; true to stop. */
  private onMessage(m: ToLoop): boolean {
    switch (m.kind) {
      case 'stop':
        return true
      case 'policy':
        this.liveBase = m.live
        this.profileTrusted = m.floorTrusted
        // A remembered answer the profile now holds is the profile's: a later edit of that line must take effect.
        this.session = this.session.filter(({rule, lasting}) => {
          const d = decide(m.live, rule.path, rule.access)
          return !lasting || d.rule === undefined || d.verdict !== rule.effect
        })
        this.rebuild()
        this.redecideAll()
        return false
      case 'settle': {
        if (m.rules === null) {
          const list = this.pending.get(m.key) ?? []
          this.pending.delete(m.key)
          this.pendingCalls -= list.length
          const [access, ...rest] = m.key.split(' ')
          for (const w of list) {
            this.answerError(w.id, EACCES)
            this.log(w.tid, w.call.name, rest.join(' '), access as LogEntry['access'], 'deny', m.by, w.caller)
            this.release(w)
          }
          this.post({kind: 'settled', keys: [m.key]})
          this.postPending()
          return false
        }
        for (const rule of m.rules) {
          this.session.push({rule, lasting: m.lasting === true})
          // An answer that takes away what the floor grants makes the floor untrustworthy for continuing calls.
          if (rule.effect === 'deny' && enforced(decide(this.data.floor, rule.path, rule.access).verdict) === 'allow') this.answerTookAway = true
        }
        this.rebuild()
        this.redecideAll(m.by)
        return false
      }
    }
  }

  private rebuild(): void {
    this.outcomes.clear()
    const layer: Layer = {kind: 'session', name: 'session', file: '(session answers)', rules: this.session.map((s) => s.rule), noblacklist: [], settings: {}}
    this.live = this.session.length > 0 ? withLayer(this.liveBase, layer, {resolvePath: canonicalPath}) : this.liveBase
  }

  /** Decide every pending call again; answer those that no longer need a person. */
  private redecideAll(by?: string): void {
    const before = [...this.pending.keys()]
    const all = [...this.pending.values()].flat()
    this.pending.clear()
    this.pendingCalls = 0
    for (const w of all) {
      const outcome = this.decide(w.targets)
      if (outcome.kind === 'ask') {
        const key = `${outcome.access} ${outcome.path}`
        const list = this.pending.get(key)
        if (list) list.push(w)
        else this.pending.set(key, [w])
        this.pendingCalls++
        if (!before.includes(key) && !list) {
          const caller = describeCaller(w.tid)
          this.post({kind: 'ask', request: {key, path: outcome.path, access: outcome.access, pid: caller.pid, hostPid: w.tid, comm: caller.comm, exe: caller.exe, call: w.call.name}})
        }
      } else {
        const labelled: Outcome = outcome.kind === 'carry-out' && by ? {kind: 'carry-out', by} : outcome
        this.act(w, labelled, false)
      }
    }
    const gone = before.filter((k) => !this.pending.has(k))
    if (gone.length > 0) this.post({kind: 'settled', keys: gone})
    this.postPending()
  }
}

/** Worker entry: take the listener from the stage, ack, loop. */
function main(): void {
  const data = workerData as LoopData & {port: MessagePort}
  const post = (m: ToMain): void => parentPort?.postMessage(m)
  const listener = receiveFd(data.socketFd)
  if (listener === undefined) {
    post({kind: 'failed', message: 'the sandbox ended before it handed over its seccomp listener', quiet: true})
    return
  }
  try {
    seccompNotifSetFlags(listener, BigInt(SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP))
  } catch {
    // older kernels: answers still work, each costs a cross-CPU wake-up
  }
  // Files this thread creates for the sandbox get the caller's umask, not landjail's: this thread gets its own.
  unshare(CLONE_FS)
  umask(0)
  writeFd(data.socketFd, Buffer.from('A'))
  closeQuietly(data.socketFd)
  post({kind: 'ready'})
  new NotifyLoop(listener, data, post).run(data.port)
  closeQuietly(listener)
}

if (parentPort) main()
