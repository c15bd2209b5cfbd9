// Shared pieces of the benchmarks: compiling C at bench time, medians, interleaved rounds.
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../src/profile/host.js'

/** Bench scratch lives outside /tmp: the profiles give sandboxes a private /tmp. */
export const BENCH_DIR = join(PACKAGE_ROOT, '.bench-tmp')
export const LANDJAIL = join(PACKAGE_ROOT, 'bin', 'run.js')

/** Compile bench/c/NAME.c with -O2 into the bench directory. */
export function compileC(name: string): string {
  mkdirSync(BENCH_DIR, {recursive: true})
  const out = join(BENCH_DIR, name)
  execFileSync('gcc', ['-O2', '-o', out, join(PACKAGE_ROOT, 'bench', 'c', `${name}.c`)], {stdio: 'inherit'})
  return out
}

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

/** Run every contender once per round, in turn, so drift hits all alike; medians per contender. */
export function interleave<T extends string>(rounds: number, contenders: readonly [T, () => number | undefined][]): Map<T, number> {
  const samples = new Map<T, number[]>(contenders.map(([name]) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const [name, measure] of contenders) {
      const v = measure()
      if (v !== undefined) samples.get(name)?.push(v)
    }
  }
  return medians(samples)
}

/** interleave, for contenders that must be driven while they run (answering a prompt). */
export async function interleaveAsync<T extends string>(rounds: number, contenders: readonly [T, () => Promise<number | undefined>][]): Promise<Map<T, number>> {
  const samples = new Map<T, number[]>(contenders.map(([name]) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const [name, measure] of contenders) {
      const v = await measure()
      if (v !== undefined) samples.get(name)?.push(v)
    }
  }
  return medians(samples)
}

function medians<T>(samples: Map<T, number[]>): Map<T, number> {
  return new Map([...samples].filter(([, v]) => v.length > 0).map(([k, v]) => [k, median(v)]))
}

/** Run `argv` and take the nanoseconds it printed as its last word, in ms: time measured inside a sandbox. */
export function innerMs(argv: string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  const r = spawnSync(argv[0] as string, argv.slice(1), {encoding: 'utf8', env, cwd: BENCH_DIR})
  return r.status === 0 ? lastWordMs(r.stdout) : undefined
}

/** The last whitespace-separated word of a workload's output, nanoseconds, in ms. */
export function lastWordMs(stdout: string): number | undefined {
  const ns = Number(stdout.trim().split(/\s+/).pop())
  return Number.isFinite(ns) && ns > 0 ? ns / 1e6 : undefined
}
