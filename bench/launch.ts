// Launch: start to exit of `true` under each contender, and where landjail's time goes before the program starts.
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {PACKAGE_ROOT} from '../src/profile/host.js'
import {BENCH_DIR, LANDJAIL, has, interleave} from './support.js'

export interface LaunchResult {
  readonly medians: Record<string, number>
  readonly ratios: {
    readonly landjailOverNode: number
    readonly landjailOverNodeMinimalEnv: number
    readonly landjailOverFirejail: number | null
  }
  /** ms: node start; the fast path's modules; profile load, compile and spawn; bwrap and the in-sandbox stage. */
  readonly breakdown: {readonly node: number; readonly modules: number; readonly compile: number; readonly sandbox: number}
}

function wallMs(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint()
  const r = spawnSync(argv[0] as string, argv.slice(1), {stdio: 'ignore', env})
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

const NODE = process.execPath
const RUN = [NODE, LANDJAIL, 'run', 'base', '--quiet']
// What a login shell minimally has. The caller's environment may hold variables Node reads at every start
// (NODE_EXTRA_CA_CERTS costs ~45 ms here); the stage inside the sandbox starts with a clean one either way.
const MINIMAL_ENV = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/'}
// Supervise mode keeps sockets and a log: in the bench's scratch, not the user's runtime and state dirs.
const SUPERVISE_ENV = {...process.env, XDG_RUNTIME_DIR: join(BENCH_DIR, 'launch', 'run'), XDG_STATE_HOME: join(BENCH_DIR, 'launch', 'state')}
const FAST_PATH_BUNDLE = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'bundle', 'run.js')).href

export function benchLaunch(rounds: number): LaunchResult {
  const m = Object.fromEntries(interleave(rounds, [
    ['true (bare)', () => wallMs(['/bin/true'])],
    ['node -e 0', () => wallMs([NODE, '-e', '0'])],
    ['node -e 0 (minimal env)', () => wallMs([NODE, '-e', '0'], MINIMAL_ENV)],
    ['bwrap true', () => wallMs(['bwrap', '--unshare-user', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '/bin/true'])],
    ...(has('firejail') ? [['firejail --profile=default true', () => wallMs(['firejail', '--quiet', '--profile=default', '/bin/true'])] as [string, () => number]] : []),
    ['landjail --version (oclif: other commands)', () => wallMs([NODE, LANDJAIL, '--version'])],
    ['node importing the run fast path', () => wallMs([NODE, '--input-type=module', '-e', `await import(${JSON.stringify(FAST_PATH_BUNDLE)})`])],
    ['landjail run up to bwrap (no-op bwrap)', () => wallMs([...RUN, '--', '/bin/true'], {...process.env, LANDJAIL_BWRAP: '/bin/true'})],
    ['landjail run base true (enforce)', () => wallMs([...RUN, '--', '/bin/true'])],
    ['landjail run base true (enforce, minimal env)', () => wallMs([...RUN, '--', '/bin/true'], MINIMAL_ENV)],
    ['landjail run base true (supervise)', () => wallMs([...RUN, '--mode', 'supervise', '--prompt', 'none', '--', '/bin/true'], SUPERVISE_ENV)],
  ]))
  const at = (name: string): number => m[name] ?? NaN
  const run = at('landjail run base true (enforce)')
  const firejail = m['firejail --profile=default true']
  return {
    medians: m,
    ratios: {
      landjailOverNode: run / at('node -e 0'),
      landjailOverNodeMinimalEnv: at('landjail run base true (enforce, minimal env)') / at('node -e 0 (minimal env)'),
      landjailOverFirejail: firejail ? run / firejail : null,
    },
    breakdown: {
      node: at('node -e 0'),
      modules: at('node importing the run fast path') - at('node -e 0'),
      compile: at('landjail run up to bwrap (no-op bwrap)') - at('node importing the run fast path'),
      sandbox: run - at('landjail run up to bwrap (no-op bwrap)'),
    },
  }
}

export function printLaunch(r: LaunchResult, rounds: number): void {
  const fmt = (ms: number) => ms.toFixed(1).padStart(8)
  console.log(`launch, median of ${rounds} interleaved rounds (ms)`)
  for (const [name, ms] of Object.entries(r.medians)) console.log(`  ${name.padEnd(46)} ${fmt(ms)}`)
  const b = r.breakdown
  console.log(`  breakdown of landjail run: node start ${b.node.toFixed(0)}, fast-path modules ${b.modules.toFixed(0)}, profile load + compile + spawn ${b.compile.toFixed(0)}, bwrap + in-sandbox stage + exit ${b.sandbox.toFixed(0)}`)
  console.log(`  landjail / node -e 0: ${r.ratios.landjailOverNode.toFixed(2)} (target <= 2.5); in a minimal environment ${r.ratios.landjailOverNodeMinimalEnv.toFixed(2)}`)
  if (r.ratios.landjailOverFirejail !== null) console.log(`  landjail / firejail:  ${r.ratios.landjailOverFirejail.toFixed(2)} (target <= 4)`)
}
