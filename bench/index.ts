// npm run bench: landjail next to its competitors and the physical limits, interleaved, medians and ratios.
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../src/profile/host.js'
import {benchMemory} from './memory.js'
import {benchReload} from './reload.js'
import {benchSteadyState} from './steady-state.js'
import {benchSupervise, printSupervise} from './supervise.js'
import {BENCH_DIR, LANDJAIL, has, interleave} from './support.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)

function wallMs(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint()
  const r = spawnSync(argv[0] as string, argv.slice(1), {stdio: 'ignore', env})
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

// Supervise mode keeps sockets and a log: in the bench's scratch, not the user's runtime and state dirs.
const superviseEnv = {...process.env, XDG_RUNTIME_DIR: join(BENCH_DIR, 'launch', 'run'), XDG_STATE_HOME: join(BENCH_DIR, 'launch', 'state')}

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms.toFixed(1)).padStart(8)

// Launch: start to exit of `true`, and the time before the program starts, broken down.
const launch = Object.fromEntries(interleave(ROUNDS, [
  ['true (bare)', () => wallMs(['/bin/true'])],
  ['node -e 0', () => wallMs([process.execPath, '-e', '0'])],
  ['bwrap true', () => wallMs(['bwrap', '--unshare-user', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '/bin/true'])],
  ...(has('firejail') ? [['firejail --profile=default true', () => wallMs(['firejail', '--quiet', '--profile=default', '/bin/true'])] as [string, () => number]] : []),
  ['landjail --version (CLI start)', () => wallMs([process.execPath, LANDJAIL, '--version'])],
  ['landjail compile base (CLI + compile)', () => wallMs([process.execPath, LANDJAIL, 'compile', 'base', '--json'])],
  ['landjail run base true (enforce)', () => wallMs([process.execPath, LANDJAIL, 'run', 'base', '--quiet', '--', '/bin/true'])],
  ['landjail run base true (supervise)', () => wallMs([process.execPath, LANDJAIL, 'run', 'base', '--quiet', '--mode', 'supervise', '--prompt', 'none', '--', '/bin/true'], superviseEnv)],
]))
const lj = launch['landjail run base true (enforce)'] ?? NaN
const cli = launch['landjail --version (CLI start)'] ?? NaN
const compile = (launch['landjail compile base (CLI + compile)'] ?? NaN) - cli
const bwrap = launch['bwrap true'] ?? NaN
const launchRatios = {
  landjailOverNode: lj / (launch['node -e 0'] ?? NaN),
  landjailOverFirejail: launch['firejail --profile=default true'] ? lj / launch['firejail --profile=default true'] : null,
}
console.log(`launch, median of ${ROUNDS} interleaved rounds (ms)`)
for (const [name, ms] of Object.entries(launch)) console.log(`  ${name.padEnd(40)} ${fmt(ms)}`)
console.log(`  breakdown of landjail run: CLI start ${cli.toFixed(0)}, compile ${compile.toFixed(0)}, bwrap ${bwrap.toFixed(0)}, in-sandbox stage and the rest ${(lj - cli - compile - bwrap).toFixed(0)}`)
console.log(`  landjail / node -e 0: ${launchRatios.landjailOverNode.toFixed(2)} (target <= 2.5)`)
if (launchRatios.landjailOverFirejail !== null) console.log(`  landjail / firejail:  ${launchRatios.landjailOverFirejail.toFixed(2)} (target <= 4)`)

// Steady state in enforce mode, timed inside the sandbox.
const steady = benchSteadyState(Math.max(3, Math.round(ROUNDS / 3)))
for (const s of steady) {
  console.log(`\nsteady state: ${s.workload} (ms, timed inside)`)
  for (const [name, ms] of Object.entries(s.medians)) console.log(`  ${name.padEnd(40)} ${fmt(ms)}`)
  console.log(`  landjail / C Landlock launcher: ${s.landjailOverLauncher.toFixed(3)} (target <= 1.05); / bare: ${s.landjailOverBare.toFixed(2)}${s.landjailOverFirejail === null ? '' : `; / firejail: ${s.landjailOverFirejail.toFixed(2)}`}`)
}

// Supervise mode: per trapped call against a C reference supervisor, and the walk above under supervise mode.
const supervise = await benchSupervise(ROUNDS)
printSupervise(supervise, ROUNDS)

// Memory of landjail's own processes while a sandbox runs.
const memory = await benchMemory()
console.log(`\nmemory during a running sandbox (peak resident MB): landjail parent ${memory.parentMb.toFixed(1)}, bwrap ${memory.bwrapMb.toFixed(1)}, together ${memory.totalMb.toFixed(1)} (target < 80)`)

// Live editing: rename-save of the profile to the first call decided by the new policy, and the supervisor's memory.
const reload = await benchReload(50)
console.log(`\nlive edit, save to effect over ${reload.edits} edits (ms): median ${reload.medianMs.toFixed(1)} (target < 300), worst ${reload.worstMs.toFixed(1)}`)
console.log(`memory of the supervisor after them (peak resident MB): ${reload.supervisorPeakMb.toFixed(1)} (target < 80)`)

writeFileSync(join(PACKAGE_ROOT, 'bench-results.json'), JSON.stringify({rounds: ROUNDS, launch, launchRatios, steady, supervise, memory, reload}, null, 2) + '\n')
