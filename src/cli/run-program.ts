// `landjail run` once its command line is read: load and compile the profile, launch, supervise when asked.
// Shared by the oclif command and the launch fast path (bin/run.js), so it must not import oclif.
import {nodeProfileHost} from '../profile/host.js'
import {runSandbox, type RunOptions} from '../sandbox/launch.js'
import {STAGE_EXIT} from '../sandbox/stage-protocol.js'
import {UserError} from './errors.js'
import {forgetLaunchAbi, launchAbi} from './launch-abi.js'
import {compileHere, openProfile} from './open-profile.js'
import type {RunRequest} from './run-request.js'

/** Run the request's program in its sandbox; resolves to the program's exit code (128+N when killed by signal N). */
export async function runProgram(request: RunRequest): Promise<number> {
  const host = nodeProfileHost()
  const loaded = openProfile(request.target, host)
  const abi = await launchAbi()
  const {policy, plans} = compileHere(loaded, abi.abi)
  if (request.extra.length > 0) {
    const word = request.extra[0]
    throw new UserError(`unexpected argument "${word}"`, `put the command after --, e.g. landjail run ${request.target} -- ${word}`)
  }
  const program = request.command.length > 0 ? request.command : policy.command
  if (!program || program.length === 0) {
    throw new UserError(`profile "${loaded.name}" has no command`, `give one after --, e.g. landjail run ${loaded.name} -- sh`)
  }
  if (plans.warnings.length > 0) {
    if (request.strict) {
      throw new UserError(`the kernel cannot enforce all of profile "${loaded.name}" (--strict):\n${plans.warnings.map((w) => `  ${w.message}`).join('\n')}`)
    }
    if (!request.quiet) for (const w of plans.warnings) process.stderr.write(`landjail: warning: ${w.message}\n`)
  }
  const launch = async (options: RunOptions): Promise<number> => {
    const code = await runSandbox(options)
    // The stage refuses a plan for another ABI than the kernel's: a remembered figure may be stale.
    if (code === STAGE_EXIT.SETUP_FAILED && abi.remembered) forgetLaunchAbi()
    return code
  }
  const base = {plans, argv: program, profileName: loaded.name, landlockKnown: abi.known}
  if (request.mode !== 'supervise') return launch(base)
  // Loaded only here: the supervisor's modules (worker, watches, prompts) cost enforce mode ~20 ms of start-up.
  const {Supervisor} = await import('../supervisor/supervise.js')
  const supervisor = await Supervisor.start({
    floor: policy, profileName: loaded.name, profile: {target: request.target, loaded, host},
    prompt: request.prompt, promptTimeoutS: request.promptTimeoutS,
  })
  try {
    return await launch({...base, supervise: {socketFd: supervisor.stageSocketFd}, onSpawn: (pid) => supervisor.attach(pid)})
  } finally {
    await supervisor.stop()
  }
}
