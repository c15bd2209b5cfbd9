// `landjail run` once its command line is read: load and compile the profile, launch, supervise when asked.
// Shared by the oclif command and the launch fast path (bin/run.js), so it must not import oclif.
import {nodeProfileHost} from '../profile/host.js'
import {runSandbox} from '../sandbox/launch.js'
import {UserError} from './errors.js'
import {detectAbi} from './kernel-facts.js'
import {compileHere, openProfile} from './open-profile.js'
import type {RunRequest} from './run-request.js'

/** Run the request's program in its sandbox; resolves to the program's exit code (128+N when killed by signal N). */
export async function runProgram(request: RunRequest): Promise<number> {
  const host = nodeProfileHost()
  const loaded = openProfile(request.target, host)
  const {policy, plans} = compileHere(loaded, detectAbi())
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
  if (request.mode !== 'supervise') return runSandbox({plans, argv: program, profileName: loaded.name})
  // Loaded only here: the supervisor's modules (worker, watches, prompts) cost enforce mode ~20 ms of start-up.
  const {Supervisor} = await import('../supervisor/supervise.js')
  const supervisor = await Supervisor.start({
    floor: policy, profileName: loaded.name, profile: {target: request.target, loaded, host},
    prompt: request.prompt, promptTimeoutS: request.promptTimeoutS,
  })
  try {
    return await runSandbox({
      plans, argv: program, profileName: loaded.name,
      supervise: {socketFd: supervisor.stageSocketFd}, onSpawn: (pid) => supervisor.attach(pid),
    })
  } finally {
    await supervisor.stop()
  }
}
