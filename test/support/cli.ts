// Run the built landjail CLI as a person would, in its own environment.
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../../src/profile/host.js'

export const LANDJAIL = join(PACKAGE_ROOT, 'bin', 'run.js')

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Run `landjail ARGS` synchronously with extra environment. */
export function landjail(args: readonly string[], env: Record<string, string> = {}, cwd = PACKAGE_ROOT): CliResult {
  const r = spawnSync(process.execPath, [LANDJAIL, ...args], {cwd, env: {...process.env, ...env}, encoding: 'utf8'})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}
