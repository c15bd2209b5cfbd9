import {Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {formatSandboxes} from '../cli/prompts-output.js'
import {listSandboxes} from '../supervisor/sandbox-state.js'

export default class Ps extends LandjailCommand {
  static override summary = 'List running supervised sandboxes: profile, mode, pending prompts'
  static override examples = ['<%= config.bin %> ps']
  static override flags = {json: Flags.boolean({description: 'print as JSON'})}

  async run(): Promise<void> {
    const {flags} = await this.parse(Ps)
    const list = listSandboxes()
    this.log(flags.json ? JSON.stringify(list) : formatSandboxes(list))
  }
}
