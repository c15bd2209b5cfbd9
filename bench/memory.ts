// Peak resident size of landjail's own processes (the CLI parent and bwrap) during a long-running sandbox.
import {spawn} from 'node:child_process'
import {readFileSync, readdirSync} from 'node:fs'
import {LANDJAIL} from './support.js'

/** A kB figure of /proc/PID/status (VmRSS: resident now, VmHWM: peak resident); 0 when the process is gone. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

const rssKb = (pid: number): number => statusKb(pid, 'VmRSS')

/** Processes whose command line is bwrap's and whose ancestor is `root`. */
function bwrapDescendants(root: number): number[] {
  const parent = new Map<number, number>()
  const comm = new Map<number, string>()
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      parent.set(Number(e), Number(stat.slice(close + 2).split(' ')[1]))
      comm.set(Number(e), stat.slice(stat.indexOf('(') + 1, close))
    } catch {
      // gone
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true
    return false
  }
  return [...comm].filter(([pid, c]) => c === 'bwrap' && under(pid)).map(([pid]) => pid)
}

/** Sample every 50 ms while `landjail run base -- sleep SECONDS` runs; peak MB of the parent, of bwrap, and of both. */
export async function benchMemory(seconds = 3): Promise<{parentMb: number; bwrapMb: number; totalMb: number}> {
  const child = spawn(process.execPath, [LANDJAIL, 'run', 'base', '--quiet', '--', 'sleep', String(seconds)], {stdio: 'ignore'})
  let parent = 0
  let bwrap = 0
  let total = 0
  const timer = setInterval(() => {
    const p = rssKb(child.pid ?? 0)
    const b = bwrapDescendants(child.pid ?? 0).reduce((s, pid) => s + rssKb(pid), 0)
    parent = Math.max(parent, p)
    bwrap = Math.max(bwrap, b)
    total = Math.max(total, p + b)
  }, 50)
  await new Promise((resolve) => child.on('close', resolve))
  clearInterval(timer)
  return {parentMb: parent / 1024, bwrapMb: bwrap / 1024, totalMb: total / 1024}
}
