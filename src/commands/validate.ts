import {Args} from '@oclif/core'
import {hasErrors} from '../profile/diagnostics.js'
import {nodeProfileHost} from '../profile/host.js'
import {loadProfile} from '../profile/load-profile.js'
import {LandjailCommand} from '../cli/base-command.js'
import {formatDiagnostics} from '../cli/open-profile.js'
import '../profile/firejail/register.js'

export default class Validate extends LandjailCommand {
  static override summary = 'Check profile files and report every problem'
  static override description = 'Each problem is printed as file:line:col: severity CODE: message, with the line and a caret. Exits non-zero when any file has an error.'
  static override examples = ['<%= config.bin %> validate ~/.config/landjail/profiles/notes.yaml', '<%= config.bin %> validate profiles/*.yaml']
  static override strict = false
  static override args = {file: Args.string({description: 'profile file(s) to check', required: true})}

  async run(): Promise<void> {
    const {argv} = await this.parse(Validate)
    const host = nodeProfileHost()
    let failed = false
    for (const file of argv as string[]) {
      const loaded = loadProfile(file.includes('/') || file.includes('.') ? file : `./${file}`, host)
      if (loaded.diagnostics.length > 0) this.logToStderr(formatDiagnostics(loaded))
      if (hasErrors(loaded.diagnostics)) failed = true
      else this.log(`${file}: OK`)
    }
    if (failed) this.exit(1)
  }
}

