// The running kernel's Landlock ABI, for lowering.
import {NEWEST_ABI} from '../policy/rights.js'
import {loweringAbi} from '../sandbox/landlock-check.js'

/** The Landlock ABI to lower for: the running kernel's, capped at the newest landjail knows; the newest when Landlock is absent (run reports that itself). */
export function detectAbi(): number {
  try {
    return loweringAbi()
  } catch {
    return NEWEST_ABI
  }
}
