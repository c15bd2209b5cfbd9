// The Landlock ABI a launch lowers its profile for. Asking the kernel takes koffi, which costs a launch about 8 ms
// of loading; the answer cannot change before the next boot, so it is remembered for the boot in the runtime dir.
// A remembered figure is only a hint: the in-sandbox stage refuses a plan whose ABI is not the kernel's, so a
// stale or planted file fails a launch (and is then forgotten); it never weakens one.
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {NEWEST_ABI} from '../policy/rights.js'
import {ensurePrivateDir, runtimeDir} from '../supervisor/runtime-paths.js'

export interface LaunchAbi {
  readonly abi: number
  /** Landlock was seen working at this ABI during this boot (so the launch need not check it again). */
  readonly known: boolean
  /** The figure came from the boot's file, not from the kernel just now. */
  readonly remembered: boolean
}

const BOOT_ID = '/proc/sys/kernel/random/boot_id'

const ABI_FILE = 'landlock-abi'

function abiFile(env: NodeJS.ProcessEnv): string {
  return join(runtimeDir(env), ABI_FILE)
}

function bootId(): string | undefined {
  try {
    return readFileSync(BOOT_ID, 'utf8').trim()
  } catch {
    return undefined
  }
}

function readRemembered(env: NodeJS.ProcessEnv, boot: string): number | undefined {
  try {
    const [id, abi] = readFileSync(abiFile(env), 'utf8').trim().split(' ')
    const n = Number(abi)
    return id === boot && Number.isInteger(n) && n >= 1 && n <= NEWEST_ABI ? n : undefined
  } catch {
    return undefined
  }
}

function remember(env: NodeJS.ProcessEnv, boot: string, abi: number): void {
  try {
    const file = join(ensurePrivateDir(runtimeDir(env)), ABI_FILE)
    writeFileSync(`${file}.${process.pid}`, `${boot} ${abi}\n`, {mode: 0o600})
    renameSync(`${file}.${process.pid}`, file)
  } catch {
    // a read-only runtime dir only means asking the kernel next time
  }
}

/** The ABI to lower for: this boot's remembered one, else the kernel's (then remembered), else the newest known (no Landlock: the launch says so). */
export async function launchAbi(env: NodeJS.ProcessEnv = process.env): Promise<LaunchAbi> {
  const boot = bootId()
  const remembered = boot === undefined ? undefined : readRemembered(env, boot)
  if (remembered !== undefined) return {abi: remembered, known: true, remembered: true}
  const {loweringAbi} = await import('../sandbox/landlock-check.js')
  let abi: number
  try {
    abi = loweringAbi()
  } catch {
    return {abi: NEWEST_ABI, known: false, remembered: false}
  }
  if (boot !== undefined) remember(env, boot, abi)
  return {abi, known: true, remembered: false}
}

/** Drop this boot's remembered ABI (a launch that used it failed to set up). */
export function forgetLaunchAbi(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(abiFile(env), {force: true})
}
