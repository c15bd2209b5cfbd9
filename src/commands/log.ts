import {Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {formatLogLine} from '../supervisor/decision-log.js'
import {readLogFrom} from '../supervisor/read-log.js'
import {logFile} from '../supervisor/runtime-paths.js'

export default class Log extends LandjailCommand {
  static override summary = 'Print the supervisor\'s decision log'
  static override description = 'Every call the supervisor denied, asked about or carried out (calls the profile allows outright are not logged).'
  static override examples = ['<%= config.bin %> log', '<%= config.bin %> log --follow', '<%= config.bin %> log --sandbox 3fa2c1 --json']
  static override flags = {
    follow: Flags.boolean({char: 'f', description: 'keep printing new decisions'}),
    sandbox: Flags.string({description: 'only this sandbox id'}),
    json: Flags.boolean({description: 'print the JSON lines as stored'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Log)
    const file = logFile()
    let offset = 0
    const print = (): void => {
      const {entries, next} = readLogFrom(file, offset)
      offset = next
      for (const e of entries) {
        if (flags.sandbox && e.sandbox !== flags.sandbox) continue
        this.log(flags.json ? JSON.stringify(e) : formatLogLine(e))
      }
    }
    print()
    if (!flags.follow) return
    for (;;) {
      await new Promise((r) => setTimeout(r, 250))
      print()
    }
  }
}
