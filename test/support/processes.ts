// Process trees on the real machine, for tests that check nothing outlives a sandbox.
import {readdirSync, readFileSync} from 'node:fs'

/** All descendants of `pid`, by /proc/PID/task/TID/children. */
export function descendants(pid: number): number[] {
  const out: number[] = []
  const walk = (p: number): void => {
    let tasks: string[] = []
    try {
      tasks = readdirSync(`/proc/${p}/task`)
    } catch {
      return
    }
    for (const tid of tasks) {
      let children = ''
      try {
        children = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8')
      } catch {
        continue
      }
      for (const c of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
        out.push(c)
        walk(c)
      }
    }
  }
  walk(pid)
  return out
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
