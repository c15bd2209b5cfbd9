import {Args, Flags} from '@oclif/core'
import {resolve} from 'node:path'
import {LandjailCommand} from '../cli/base-command.js'
import {openProfile, policyOf} from '../cli/open-profile.js'
import {explainPath} from '../cli/explain-text.js'
import {canonicalPath} from '../profile/host.js'
import {ACCESSES, type Access} from '../profile/types.js'

export default class Explain extends LandjailCommand {
  static override summary = 'Show how a profile decides an access to a path, and why'
  static override description = 'Prints the decision, the deciding rule with its file:line and layer, the rules it beat, and the layers of the profile.'
  static override examples = [
    '<%= config.bin %> explain bash ~/.ssh/id_rsa',
    '<%= config.bin %> explain notes ~/notes/todo.txt --access write',
  ]
  static override args = {
    name: Args.string({description: 'profile name or file', required: true}),
    path: Args.string({description: 'path to decide', required: true}),
  }
  static override flags = {
    access: Flags.string({char: 'a', options: [...ACCESSES], description: 'only this access (default: all three)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Explain)
    const loaded = openProfile(args.name)
    const policy = policyOf(loaded)
    const path = canonicalPath(resolve(args.path))
    const accesses = flags.access ? [flags.access as Access] : [...ACCESSES]
    this.log(explainPath(loaded, policy, path, accesses))
  }
}
