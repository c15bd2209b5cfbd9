// Steady state in enforce mode: a file-heavy walk timed inside each sandbox (launch cost left out),
// next to a minimal C Landlock launcher given the same rules (the physical limit).
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {LANDLOCK_ACCESS_FS} from '../src/kernel/landlock.js'
import type {Plans} from '../src/policy/plan-types.js'
import {BENCH_DIR, LANDJAIL, compileC, has, innerMs, interleave} from './support.js'

/** Landlock masks (decimal) for the C launcher, from landjail's own plan. */
function launcherArgs(plans: Plans): string[] {
  const mask = (names: readonly string[]) => names.reduce((m, n) => m | (LANDLOCK_ACCESS_FS[n as keyof typeof LANDLOCK_ACCESS_FS] ?? 0n), 0n).toString()
  return [mask(plans.landlock.handledFs), ...plans.landlock.pathRules.map((r) => `${r.path}=${mask(r.rights)}`)]
}

export interface SteadyResult {
  readonly workload: string
  readonly medians: Record<string, number>
  readonly landjailOverBare: number
  readonly landjailOverLauncher: number
  readonly landjailOverFirejail: number | null
}

export function benchSteadyState(rounds: number): SteadyResult[] {
  const walker = compileC('read-tree')
  const launcher = compileC('landlock-launch')
  const profiles = join(BENCH_DIR, 'profiles')
  spawnSync('mkdir', ['-p', profiles])
  writeFileSync(join(profiles, 'bench.yaml'), `include: [base]\nfilesystem:\n  exec: ["${dirname(walker)}"]\n`)
  const env = {...process.env, LANDJAIL_PROFILE_PATH: profiles}
  const compiled = spawnSync(process.execPath, [LANDJAIL, 'compile', 'bench', '--json'], {encoding: 'utf8', env})
  const plans = (JSON.parse(compiled.stdout) as {plans: Plans}).plans
  const llArgs = launcherArgs(plans)

  const workloads: [string, string[]][] = [
    ['read 4 KiB of every file under /usr', [walker, '/usr']],
    ['tar cf - /usr/share | cat > /dev/null', ['/bin/sh', '-c', 's=$(date +%s%N); tar cf - /usr/share 2>/dev/null | cat > /dev/null; e=$(date +%s%N); echo $((e - s))']],
  ]
  const out: SteadyResult[] = []
  for (const [workload, argv] of workloads) {
    innerMs(argv) // warm the page cache
    const contenders: [string, () => number | undefined][] = [
      ['bare', () => innerMs(argv)],
      ['bwrap', () => innerMs(['bwrap', '--unshare-user', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--bind', BENCH_DIR, BENCH_DIR, ...argv])],
      ['C Landlock launcher (same rules)', () => innerMs([launcher, ...llArgs, '--', ...argv])],
      ['landjail enforce', () => innerMs([process.execPath, LANDJAIL, 'run', 'bench', '--quiet', '--', ...argv], env)],
    ]
    if (has('firejail')) contenders.push(['firejail --profile=default', () => innerMs(['firejail', '--quiet', '--profile=default', ...argv])])
    const medians = Object.fromEntries(interleave(rounds, contenders))
    const lj = medians['landjail enforce'] ?? NaN
    const fj = medians['firejail --profile=default']
    out.push({
      workload,
      medians,
      landjailOverBare: lj / (medians.bare ?? NaN),
      landjailOverLauncher: lj / (medians['C Landlock launcher (same rules)'] ?? NaN),
      landjailOverFirejail: fj === undefined ? null : lj / fj,
    })
  }
  return out
}
