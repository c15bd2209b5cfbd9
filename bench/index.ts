// npm run bench: launch cost of landjail next to its competitors, interleaved, medians and ratios.
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../src/profile/host.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const LANDJAIL = join(PACKAGE_ROOT, 'bin', 'run.js')
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

const contenders: [string, string[]][] = [
  ['true (bare)', ['/bin/true']],
  ['node -e 0', [process.execPath, '-e', '0']],
  ['bwrap true', ['bwrap', '--unshare-user', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '/bin/true']],
  ...(has('firejail') ? [['firejail --profile=default true', ['firejail', '--quiet', '--profile=default', '/bin/true']] as [string, string[]]] : []),
  ['landjail run base (enforce) true', [process.execPath, LANDJAIL, 'run', 'base', '--quiet', '--', '/bin/true']],
]

function time(argv: string[]): number {
  const start = process.hrtime.bigint()
  const r = spawnSync(argv[0] as string, argv.slice(1), {stdio: 'ignore'})
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, argv] of contenders) samples.get(name)?.push(time(argv))
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}
const medians = Object.fromEntries([...samples].map(([k, v]) => [k, median(v)]))
const nodeFloor = medians['node -e 0'] ?? NaN
const firejail = medians['firejail --profile=default true']
const landjail = medians['landjail run base (enforce) true'] ?? NaN
console.log(`launch, median of ${ROUNDS} interleaved rounds (ms)`)
for (const [name, ms] of Object.entries(medians)) console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(8)}`)
const ratios = {landjailOverNode: landjail / nodeFloor, landjailOverFirejail: firejail ? landjail / firejail : null}
console.log(`  landjail / node -e 0: ${ratios.landjailOverNode.toFixed(2)} (target <= 2.5)`)
if (ratios.landjailOverFirejail !== null) console.log(`  landjail / firejail:  ${ratios.landjailOverFirejail.toFixed(2)} (target <= 4)`)
writeFileSync(join(PACKAGE_ROOT, 'bench-results.json'), JSON.stringify({rounds: ROUNDS, medians, ratios}, null, 2) + '\n')
