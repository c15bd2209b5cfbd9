// Supervise mode: what the supervisor costs per trapped call, continued and carried out, next to a minimal C supervisor
// doing the same (the physical limit), all timed inside the sandbox; and the file-heavy walk under supervise mode.
import {execFile, spawn} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {promisify} from 'node:util'
import {PACKAGE_ROOT} from '../src/profile/host.js'
import {BENCH_DIR, LANDJAIL, compileC, has, innerMs, interleaveAsync, lastWordMs} from './support.js'

const run = promisify(execFile)
const NODE_LOOP = join(PACKAGE_ROOT, 'dist', 'bench', 'node-loop.js')

export interface SuperviseBench {
  /** Timed open+close calls per run. */
  readonly calls: number
  /** Medians of the timed loop, ms. */
  readonly medians: Record<string, number>
  /** Per trapped call, µs, the supervisor's share with the baseline subtracted (see docs/benchmarks.md), per placement. */
  readonly perCall: readonly {
    readonly where: string
    readonly continued: PerCall
    readonly carriedOut: PerCall
    /** Landlock's own cost per open of the file (landjail enforce minus bare), µs: cancels in "continued". */
    readonly landlockPerOpenUs: number
    /** A Node loop making only the C reference's system calls (bench/node-loop.ts): µs per call and / C, continued and carried out. */
    readonly nodeFloor: {readonly continued: NodeFloor; readonly carriedOut: NodeFloor}
  }[]
  /** Carried-out calls the decision log shows for the benchmark file: proof they were not continued. */
  readonly carriedOutLogged: number
  readonly walk: {readonly workload: string; readonly medians: Record<string, number>; readonly superviseOverBare: number; readonly superviseOverEnforce: number}
}

export interface NodeFloor {
  readonly us: number
  readonly overReference: number
}

export interface PerCall {
  readonly landjailUs: number
  readonly referenceUs: number
  readonly ratio: number
  readonly target: number
}

/** A scratch home: the profiles, the file opened, and landjail's runtime and state dirs (agent sockets, the log). */
function setUp(bins: readonly string[]): {env: NodeJS.ProcessEnv; file: string; log: string} {
  const home = join(BENCH_DIR, 'supervise')
  rmSync(home, {recursive: true, force: true})
  for (const d of ['profiles', 'data', 'run', 'state']) mkdirSync(join(home, d), {recursive: true})
  const file = join(home, 'data', 'file.txt')
  writeFileSync(file, 'bench\n')
  const exec = `  exec: [${bins.map((b) => JSON.stringify(b)).join(', ')}]`
  // floor: the file is allowed at launch, so Landlock grants it and every open of it is continued.
  writeFileSync(join(home, 'profiles', 'sv-floor.yaml'), ['include: [base]', 'filesystem:', exec, `  read: [${JSON.stringify(dirname(file))}]`, ''].join('\n'))
  // beyond: nothing covers the file; once its directory is answered "yes", every open of it is carried out.
  writeFileSync(join(home, 'profiles', 'sv-beyond.yaml'), ['include: [base]', 'filesystem:', exec, 'unknown: prompt', ''].join('\n'))
  const env = {...process.env, LANDJAIL_PROFILE_PATH: join(home, 'profiles'), XDG_RUNTIME_DIR: join(home, 'run'), XDG_STATE_HOME: join(home, 'state')}
  return {env, file, log: join(home, 'state', 'landjail', 'decisions.jsonl')}
}

/** The pending prompt for `path`, asked with `landjail prompts --json` as a person in another terminal would. */
async function promptFor(path: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const {stdout} = await run(process.execPath, [LANDJAIL, 'prompts', '--json'], {env})
  return (JSON.parse(stdout) as {id: string; path: string}[]).find((p) => p.path === path)?.id
}

/** `landjail run sv-beyond --mode supervise --prompt agent -- ARGV`: answer the first open "yes --scope dir", then time. */
async function carriedOutMs(pin: readonly string[], argv: readonly string[], file: string, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const command = [...pin, process.execPath]
  const child = spawn(command[0] as string, [...command.slice(1), LANDJAIL, 'run', 'sv-beyond', '--quiet', '--mode', 'supervise', '--prompt', 'agent', '--prompt-timeout', '0', '--', ...argv], {
    env, cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  let exited = false
  const done = new Promise<number | null>((resolve) => child.once('close', (code) => {
    exited = true
    resolve(code)
  }))
  const deadline = Date.now() + 20_000
  try {
    for (let id: string | undefined; !exited;) {
      id = await promptFor(file, env)
      if (id) {
        await run(process.execPath, [LANDJAIL, 'prompts', 'answer', id, 'yes', '--scope', 'dir'], {env})
        break
      }
      if (Date.now() > deadline) throw new Error(`no prompt for ${file} within 20 s`)
      await new Promise((r) => setTimeout(r, 20))
    }
  } catch (err) {
    // An unanswered prompt would wait forever (--prompt-timeout 0): end the run and drop the sample.
    process.stderr.write(`bench: ${(err as Error).message}\n`)
    child.kill('SIGKILL')
  }
  return (await done) === 0 ? lastWordMs(stdout) : undefined
}

/** Open+close calls the decision log records as carried out for `file` (a folded run of N counts N). */
function carriedOutInLog(log: string, file: string): number {
  let text = ''
  try {
    text = readFileSync(log, 'utf8')
  } catch {
    return 0
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as {path?: string; decidedBy?: string; repeated?: number})
    .filter((e) => e.path === file && e.decidedBy?.includes('(carried out)'))
    .reduce((n, e) => n + (e.repeated ?? 1), 0)
}

const perCall = (ms: number | undefined, baseMs: number | undefined, calls: number): number => ((ms ?? NaN) - (baseMs ?? NaN)) * 1000 / calls

/** How the processes may be placed: free (the scheduler decides), or the whole tree pinned to CPU 0 with taskset. */
const PLACEMENTS = [['any CPU', []], ['one CPU', ['taskset', '-c', '0']]] as const

export async function benchSupervise(rounds: number, calls = 20_000): Promise<SuperviseBench> {
  const openLoop = compileC('open-loop')
  const walker = compileC('read-tree')
  const reference = compileC('ref-supervisor')
  const {env, file, log} = setUp([openLoop, walker])
  const loop = [openLoop, file, String(calls)]
  const landjail = (profile: string, ...args: string[]) => [process.execPath, LANDJAIL, 'run', profile, '--quiet', ...args, '--']
  const supervise = ['--mode', 'supervise', '--prompt', 'none']
  const sync = (f: () => number | undefined) => () => Promise.resolve(f())

  const placements = has('taskset') ? PLACEMENTS : PLACEMENTS.slice(0, 1)
  const medians = Object.fromEntries(await interleaveAsync(rounds, placements.flatMap(([where, pin]) => [
    [`bare, ${where}`, sync(() => innerMs([...pin, ...loop]))],
    [`C supervisor, continue, ${where}`, sync(() => innerMs([...pin, reference, 'continue', '--', ...loop]))],
    [`Node loop, the same calls only, continue, ${where}`, sync(() => innerMs([...pin, process.execPath, NODE_LOOP, 'continue', reference, ...loop]))],
    [`C supervisor, carry out, ${where}`, sync(() => innerMs([...pin, reference, 'carry', '--', ...loop]))],
    [`Node loop, the same calls only, carry out, ${where}`, sync(() => innerMs([...pin, process.execPath, NODE_LOOP, 'carry', reference, ...loop]))],
    [`landjail enforce, ${where}`, sync(() => innerMs([...pin, ...landjail('sv-floor'), ...loop], env))],
    [`landjail supervise, continued, ${where}`, sync(() => innerMs([...pin, ...landjail('sv-floor', ...supervise), ...loop], env))],
    [`landjail supervise, carried out, ${where}`, () => carriedOutMs(pin, loop, file, env)],
  ] as [string, () => Promise<number | undefined>][])))
  const carriedOutLogged = carriedOutInLog(log, file)
  const m = (name: string, where: string): number | undefined => medians[`${name}, ${where}`]
  const nodeFloorOf = (node: number | undefined, reference: number | undefined, bare: number | undefined): NodeFloor => {
    const us = perCall(node, bare, calls)
    return {us, overReference: us / perCall(reference, bare, calls)}
  }
  const perCallOf = (landjailUs: number, referenceUs: number, target: number): PerCall => ({landjailUs, referenceUs, ratio: landjailUs / referenceUs, target})
  const perCallFigures = placements.map(([where]) => ({
    where,
    continued: perCallOf(
      perCall(m('landjail supervise, continued', where), m('landjail enforce', where), calls),
      perCall(m('C supervisor, continue', where), m('bare', where), calls), 1.5),
    // A carried-out open never reaches Landlock (the supervisor opens the file): its baseline is bare, as for the C one.
    carriedOut: perCallOf(
      perCall(m('landjail supervise, carried out', where), m('bare', where), calls),
      perCall(m('C supervisor, carry out', where), m('bare', where), calls), 2),
    landlockPerOpenUs: perCall(m('landjail enforce', where), m('bare', where), calls),
    nodeFloor: {
      continued: nodeFloorOf(m('Node loop, the same calls only, continue', where), m('C supervisor, continue', where), m('bare', where)),
      carriedOut: nodeFloorOf(m('Node loop, the same calls only, carry out', where), m('C supervisor, carry out', where), m('bare', where)),
    },
  }))

  const walk = [walker, '/usr']
  innerMs(walk) // warm the page cache
  const walkMedians = Object.fromEntries(await interleaveAsync(Math.max(3, Math.round(rounds / 3)), [
    ['bare', sync(() => innerMs(walk))],
    ['landjail enforce', sync(() => innerMs([...landjail('sv-floor'), ...walk], env))],
    ['landjail supervise (all continued)', sync(() => innerMs([...landjail('sv-floor', ...supervise), ...walk], env))],
  ]))
  const sv = walkMedians['landjail supervise (all continued)'] ?? NaN
  return {
    calls,
    medians,
    perCall: perCallFigures,
    carriedOutLogged,
    walk: {
      workload: 'read 4 KiB of every file under /usr',
      medians: walkMedians,
      superviseOverBare: sv / (walkMedians.bare ?? NaN),
      superviseOverEnforce: sv / (walkMedians['landjail enforce'] ?? NaN),
    },
  }
}

const us = (x: number) => x.toFixed(2).padStart(8)

export function printSupervise(r: SuperviseBench, rounds: number): void {
  console.log(`\nsupervise mode: ${r.calls} open+close of one file, timed inside, median of ${rounds} interleaved rounds (ms)`)
  for (const [name, ms] of Object.entries(r.medians)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)}`)
  console.log(`  per trapped call (µs)                    landjail   C ref    ratio`)
  for (const p of r.perCall) {
    console.log(`  continued,   ${p.where.padEnd(8)} (- enforce)   ${us(p.continued.landjailUs)} ${us(p.continued.referenceUs)} ${us(p.continued.ratio)}  (target <= ${p.continued.target})`)
    console.log(`  carried out, ${p.where.padEnd(8)} (- bare)      ${us(p.carriedOut.landjailUs)} ${us(p.carriedOut.referenceUs)} ${us(p.carriedOut.ratio)}  (target <= ${p.carriedOut.target})`)
  }
  console.log(`  Landlock's own cost per open (enforce - bare): ${r.perCall.map((p) => `${p.landlockPerOpenUs.toFixed(2)} µs (${p.where})`).join(', ')}`)
  for (const p of r.perCall) {
    const f = p.nodeFloor
    console.log(`  floor of a Node loop (the C reference's calls only, - bare), ${p.where}: continued ${f.continued.us.toFixed(2)} µs = ${f.continued.overReference.toFixed(2)} x C, carried out ${f.carriedOut.us.toFixed(2)} µs = ${f.carriedOut.overReference.toFixed(2)} x C`)
  }
  console.log(`  carried-out calls in the decision log: ${r.carriedOutLogged}`)
  console.log(`\nsupervise mode: ${r.walk.workload} (ms, timed inside)`)
  for (const [name, ms] of Object.entries(r.walk.medians)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)}`)
  console.log(`  landjail supervise / bare: ${r.walk.superviseOverBare.toFixed(2)}; / landjail enforce: ${r.walk.superviseOverEnforce.toFixed(2)}`)
}
