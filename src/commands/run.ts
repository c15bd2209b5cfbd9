import {Args, Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {UserError} from '../cli/errors.js'
import {detectAbi} from '../cli/kernel-facts.js'
import {compileHere, openProfile} from '../cli/open-profile.js'
import {nodeProfileHost} from '../profile/host.js'
import {runSandbox} from '../sandbox/launch.js'
import {PROMPT_BACKENDS, type PromptBackendName} from '../supervisor/prompt-backends.js'

export default class Run extends LandjailCommand {
  static override summary = 'Run a program in a sandbox by profile name'
  static override description = `With no command after --, runs the profile's command. The program's stdin, stdout, stderr and terminal pass through; its exit status is landjail's (128+N when killed by signal N).`
  static override examples = [
    '<%= config.bin %> run demo',
    '<%= config.bin %> run bash',
    '<%= config.bin %> run git -- git status',
    '<%= config.bin %> run firefox --strict',
    '<%= config.bin %> run notes --mode supervise',
    '<%= config.bin %> run notes --mode supervise --prompt agent --prompt-timeout 0',
  ]
  static override strict = false
  static override args = {name: Args.string({description: 'profile name or file', required: true})}
  static override flags = {
    mode: Flags.string({options: ['enforce', 'supervise'], default: 'enforce', description: 'enforce: the kernel alone; supervise: ask at accesses the profile does not cover'}),
    strict: Flags.boolean({description: 'refuse to run when the kernel cannot enforce part of the profile'}),
    quiet: Flags.boolean({char: 'q', description: 'do not print warnings'}),
    prompt: Flags.string({options: [...PROMPT_BACKENDS], default: 'tty', description: 'supervise: where to ask (tty: this terminal; agent: `landjail prompts`; none: deny)'}),
    'prompt-timeout': Flags.integer({min: 0, default: 60, description: 'supervise: seconds a prompt waits before it denies (0: forever)'}),
  }

  async run(): Promise<void> {
    const {args, argv, flags} = await this.parse(Run)
    const host = nodeProfileHost()
    const loaded = openProfile(args.name, host)
    const {policy, plans} = compileHere(loaded, detectAbi())
    // The command is taken from the raw arguments: everything after "--", byte for byte.
    const dashes = this.argv.indexOf('--')
    const command = dashes >= 0 ? this.argv.slice(dashes + 1) : []
    if (dashes < 0 && argv.length > 1) {
      throw new UserError(`unexpected argument "${String(argv[1])}"`, `put the command after --, e.g. landjail run ${args.name} -- ${String(argv[1])}`)
    }
    const program = command.length > 0 ? command : policy.command
    if (!program || program.length === 0) {
      throw new UserError(`profile "${loaded.name}" has no command`, `give one after --, e.g. landjail run ${loaded.name} -- sh`)
    }
    if (plans.warnings.length > 0) {
      if (flags.strict) {
        throw new UserError(`the kernel cannot enforce all of profile "${loaded.name}" (--strict):\n${plans.warnings.map((w) => `  ${w.message}`).join('\n')}`)
      }
      if (!flags.quiet) for (const w of plans.warnings) process.stderr.write(`landjail: warning: ${w.message}\n`)
    }
    if (flags.mode !== 'supervise') this.exit(await runSandbox({plans, argv: program, profileName: loaded.name}))
    // Loaded only here: the supervisor's modules (worker, watches, prompts) cost enforce mode ~20 ms of start-up.
    const {Supervisor} = await import('../supervisor/supervise.js')
    const supervisor = await Supervisor.start({
      floor: policy, profileName: loaded.name, profile: {target: args.name, loaded, host},
      prompt: flags.prompt as PromptBackendName, promptTimeoutS: flags['prompt-timeout'],
    })
    let code: number
    try {
      code = await runSandbox({
        plans, argv: program, profileName: loaded.name,
        supervise: {socketFd: supervisor.stageSocketFd}, onSpawn: (pid) => supervisor.attach(pid),
      })
    } finally {
      await supervisor.stop()
    }
    this.exit(code)
  }
}
