// What the launcher hands the in-sandbox stage on an inherited pipe, and the exit codes the stage uses.
import type {Plans} from '../policy/plan-types.js'

/** The fd the stage reads its input from (JSON, until EOF), then closes. */
export const STAGE_INPUT_FD = 3

export interface StageInput {
  readonly plans: Plans
  /** argv[0] is looked up in PATH (of `env`) inside the sandbox unless it contains a slash. */
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string>>
  /** Supervise mode: the unix socket on which the stage sends its seccomp listener to the supervisor, then waits for an ack. */
  readonly supervise?: {readonly socketFd: number}
}

/** Exit codes of a stage that could not become the program (as shells use 126 and 127). */
export const STAGE_EXIT = {
  SETUP_FAILED: 125,
  NOT_EXECUTABLE: 126,
  NOT_FOUND: 127,
} as const
