import {Args, Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {compileHere, openProfile} from '../cli/open-profile.js'
import {compiledJson, compiledText} from '../cli/compile-output.js'
import {detectAbi} from '../cli/kernel-facts.js'

export default class Compile extends LandjailCommand {
  static override summary = 'Show the layers, the policy and the plans a profile lowers to'
  static override description = 'The plans are exactly what `landjail run` applies: the Landlock rules, the bwrap mount operations and the seccomp deny-list. The same input always gives the same output.'
  static override examples = ['<%= config.bin %> compile bash', '<%= config.bin %> compile firefox --json', '<%= config.bin %> compile git --abi 3']
  static override args = {name: Args.string({description: 'profile name or file', required: true})}
  static override flags = {
    json: Flags.boolean({description: 'print JSON'}),
    abi: Flags.integer({description: 'Landlock ABI to lower for (default: the running kernel\'s)', min: 1, max: 7}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Compile)
    const loaded = openProfile(args.name)
    const compiled = compileHere(loaded, flags.abi ?? detectAbi())
    this.log(flags.json ? JSON.stringify(compiledJson(loaded, compiled), null, 2) : compiledText(loaded, compiled))
  }
}
