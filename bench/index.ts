// npm run bench: landjail next to its competitors and the physical limits, interleaved, medians and ratios.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../src/profile/host.js'
import {benchLaunch, printLaunch} from './launch.js'
import {benchMemory} from './memory.js'
import {benchReload} from './reload.js'
import {benchSteadyState} from './steady-state.js'
import {benchSupervise, printSupervise} from './supervise.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms.toFixed(1)).padStart(8)

// Launch: start to exit of `true`, and the time before the program starts, broken down.
const launch = benchLaunch(ROUNDS)
printLaunch(launch, ROUNDS)

// Steady state in enforce mode, timed inside the sandbox.
// As many rounds as the launch: the figure sits near its target, and a run moves it by a few per cent.
const steady = benchSteadyState(ROUNDS)
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

writeFileSync(join(PACKAGE_ROOT, 'bench-results.json'), JSON.stringify({rounds: ROUNDS, launch, steady, supervise, memory, reload}, null, 2) + '\n')
