// The running kernel's Landlock ABI, for lowering.
import {landlockAbiVersion} from '../kernel/landlock.js'
import {NEWEST_ABI} from '../policy/rights.js'

/** The Landlock ABI to lower for: the running kernel's, capped at the newest landjail knows; the newest when Landlock is absent (run reports that itself). */
export function detectAbi(): number {
  try {
    return Math.min(landlockAbiVersion(), NEWEST_ABI)
  } catch {
    return NEWEST_ABI
  }
}
