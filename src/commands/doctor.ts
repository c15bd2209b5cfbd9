import {LandjailCommand} from '../cli/base-command.js'
import {diagnoseSystem} from '../cli/doctor-report.js'

export default class Doctor extends LandjailCommand {
  static override summary = 'Report what this kernel and machine support, and what degrades without it'
  static override examples = ['<%= config.bin %> doctor']

  async run(): Promise<void> {
    await this.parse(Doctor)
    const {lines, ok} = diagnoseSystem()
    for (const line of lines) this.log(line)
    if (!ok) this.exit(1)
  }
}
