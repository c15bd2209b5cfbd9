// Live editing: save-to-effect latency. A supervised sandbox opens one file in a tight loop and prints the moment the
// outcome changes; the profile is saved by rename (as editors do), with and without a blacklist line for that file.
// Also the supervisor's peak resident size after all those reloads.
import {spawn} from 'node:child_process'
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {createInterface} from 'node:readline'
import {statusKb} from './memory.js'
import {BENCH_DIR, LANDJAIL, compileC, median} from './support.js'

export interface ReloadBench {
  readonly edits: number
  readonly medianMs: number
  readonly worstMs: number
  /** Peak resident size of the landjail process (main thread, notification loop, watcher) in supervise mode. */
  readonly supervisorPeakMb: number
}

export async function benchReload(edits = 50): Promise<ReloadBench> {
  const watcher = compileC('watch-access')
  const dir = join(BENCH_DIR, 'reload')
  mkdirSync(join(dir, 'data'), {recursive: true})
  mkdirSync(join(dir, 'profiles'), {recursive: true})
  const note = join(dir, 'data', 'note.txt')
  writeFileSync(note, 'note\n')
  const file = join(dir, 'profiles', 'reload.yaml')
  const text = (blacklist: boolean) => [
    'filesystem:',
    `  exec: [/usr, /bin, /lib, /lib64, ${dirname(watcher)}]`,
    `  read: [/etc, ${join(dir, 'data')}]`,
    ...(blacklist ? [`  blacklist: [${note}]`] : []),
    'unknown: deny',
    '',
  ].join('\n')
  writeFileSync(file, text(false))
  const env = {...process.env, LANDJAIL_PROFILE_PATH: join(dir, 'profiles'), XDG_STATE_HOME: join(dir, 'state'), XDG_RUNTIME_DIR: join(dir, 'run')}
  const child = spawn(process.execPath, [LANDJAIL, 'run', 'reload', '--mode', 'supervise', '--prompt', 'none', '--quiet', '--', watcher, note], {env, stdio: ['ignore', 'pipe', 'inherit']})
  const changes: {atUs: number; ok: boolean}[] = []
  createInterface({input: child.stdout}).on('line', (line) => {
    const [at, what] = line.split(' ')
    changes.push({atUs: Number(at), ok: what === 'ok'})
  })
  const waitFor = async (ok: boolean, sinceUs: number): Promise<number> => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const c = changes.find((x) => x.ok === ok && x.atUs >= sinceUs)
      if (c) return (c.atUs - sinceUs) / 1000
      if (Date.now() > deadline) throw new Error(`the sandbox never saw the file ${ok ? 'allowed' : 'denied'} after a save`)
      await new Promise((r) => setTimeout(r, 2))
    }
  }
  const latencies: number[] = []
  let supervisorPeakMb = 0
  try {
    await waitFor(true, 0)
    for (let k = 0; k < edits; k++) {
      const blacklist = k % 2 === 0
      writeFileSync(`${file}.swp`, text(blacklist))
      const savedUs = Date.now() * 1000
      renameSync(`${file}.swp`, file)
      latencies.push(await waitFor(!blacklist, savedUs))
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 50))
    }
    supervisorPeakMb = statusKb(child.pid ?? 0, 'VmHWM') / 1024
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('close', resolve))
  }
  return {edits, medianMs: median(latencies), worstMs: Math.max(...latencies), supervisorPeakMb}
}
