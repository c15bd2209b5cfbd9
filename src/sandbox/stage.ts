// The in-sandbox stage, run by bwrap: read the plans, confine this thread, become the program.
import {closeSync, readFileSync} from 'node:fs'
import {KernelError} from '../kernel/errno.js'
import {execve} from '../kernel/exec.js'
import {clearCloseOnExec, clearNonBlocking, closeRangeOnExec, isOpen} from '../kernel/fd.js'
import {resetSignalsForExec} from '../kernel/signals.js'
import {usesLandlock, type LandlockPlan} from '../policy/plan-types.js'
import {applyKernelPlans} from './apply-plans.js'
import {handOverListener} from './hand-over-listener.js'
import {loweringAbi} from './landlock-check.js'
import {findAndExec} from './exec-program.js'
import {STAGE_EXIT, STAGE_INPUT_FD, type StageInput} from './stage-protocol.js'

class StageError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message)
  }
}

/** Read and close the input pipe. */
export function readStageInput(fd = STAGE_INPUT_FD): StageInput {
  let text: string
  try {
    text = readFileSync(fd, 'utf8')
    closeSync(fd)
  } catch (err) {
    throw new StageError(`cannot read the sandbox plan from fd ${fd}: ${(err as Error).message}`, STAGE_EXIT.SETUP_FAILED)
  }
  const input = JSON.parse(text) as StageInput
  if (!Array.isArray(input.argv) || input.argv.length === 0) throw new StageError('no program to run', STAGE_EXIT.SETUP_FAILED)
  return input
}

/**
 * Leave stdio as a program expects it: inherited across execve and blocking. Nothing else crosses execve:
 * an fd opened outside the sandbox would bypass Landlock, which checks only at open time.
 */
function prepareFds(): void {
  closeRangeOnExec(3)
  for (const fd of [0, 1, 2]) {
    if (!isOpen(fd)) continue
    clearCloseOnExec(fd)
    clearNonBlocking(fd)
  }
}

/**
 * The plan must be lowered for this kernel's Landlock ABI: for a lower one it would leave rights unhandled, and a
 * higher one would not load. (The launcher may have taken the ABI from the boot's remembered figure.)
 */
function checkPlanAbi(plan: LandlockPlan): void {
  if (!usesLandlock(plan)) return
  const kernel = loweringAbi()
  if (kernel !== plan.abi) {
    throw new StageError(`the plan is for Landlock ABI ${plan.abi} but the kernel has ABI ${kernel}; run again`, STAGE_EXIT.SETUP_FAILED)
  }
}

/** The environment of the program: the given one without the plan's unset variables. */
function programEnv(input: StageInput): Record<string, string> {
  const env = {...input.env}
  for (const name of input.plans.env.unset) delete env[name]
  return env
}

/** Everything the stage does; returns an exit code only when it could not become the program. */
export function runStage(): number {
  try {
    const input = readStageInput()
    const env = programEnv(input)
    checkPlanAbi(input.plans.landlock)
    applyKernelPlans(input.plans.landlock, input.plans.seccomp)
    if (input.supervise) handOverListener(input.supervise.socketFd)
    prepareFds()
    resetSignalsForExec()
    const failure = findAndExec(input.argv, env, execve)
    const code = failure.kind === 'not-found' ? STAGE_EXIT.NOT_FOUND : STAGE_EXIT.NOT_EXECUTABLE
    throw new StageError(failure.message, code)
  } catch (err) {
    const code = err instanceof StageError ? err.exitCode : STAGE_EXIT.SETUP_FAILED
    const message = err instanceof KernelError || err instanceof StageError ? err.message : `setup failed: ${(err as Error).message}`
    process.stderr.write(`landjail: ${message.replace(/\s+/g, ' ')}\n`)
    return code
  }
}

process.exitCode = runStage()
