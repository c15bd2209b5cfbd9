import {Args, Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {runProgram} from '../cli/run-program.js'
import {RUN_DEFAULTS, RUN_MODES, type RunMode} from '../cli/run-request.js'
import {PROMPT_BACKENDS, type PromptBackendName} from '../supervisor/prompt-backends.js'

// bin/run.js reads a well-formed `run` command line itself (parseRunWords) and skips oclif's start-up;
// these flags must keep the names, choices and defaults of run-request.ts.
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
    mode: Flags.string({options: [...RUN_MODES], default: RUN_DEFAULTS.mode, description: 'enforce: the kernel alone; supervise: ask at accesses the profile does not cover'}),
    strict: Flags.boolean({description: 'refuse to run when the kernel cannot enforce part of the profile'}),
    quiet: Flags.boolean({char: 'q', description: 'do not print warnings'}),
    prompt: Flags.string({options: [...PROMPT_BACKENDS], default: RUN_DEFAULTS.prompt, description: 'supervise: where to ask (tty: this terminal; agent: `landjail prompts`; none: deny)'}),
    'prompt-timeout': Flags.integer({min: 0, default: RUN_DEFAULTS.promptTimeoutS, description: 'supervise: seconds a prompt waits before it denies (0: forever)'}),
  }

  async run(): Promise<void> {
    const {args, argv, flags} = await this.parse(Run)
    // The command is taken from the raw arguments: everything after "--", byte for byte.
    const dashes = this.argv.indexOf('--')
    const code = await runProgram({
      target: args.name,
      command: dashes >= 0 ? this.argv.slice(dashes + 1) : [],
      extra: dashes < 0 ? argv.slice(1).map(String) : [],
      mode: flags.mode as RunMode,
      strict: flags.strict,
      quiet: flags.quiet,
      prompt: flags.prompt as PromptBackendName,
      promptTimeoutS: flags['prompt-timeout'],
    })
    this.exit(code)
  }
}
