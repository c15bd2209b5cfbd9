import {existsSync, mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {UserError} from '../cli/errors.js'
import {formatDiagnostic} from '../profile/diagnostics.js'
import {importFirejailProfile} from '../profile/firejail/import-profile.js'
import {nodeProfileHost} from '../profile/host.js'

export default class Import extends LandjailCommand {
  static override summary = 'Convert a Firejail profile to a landjail YAML profile'
  static override description = 'The Firejail profile (by name from ~/.config/firejail or /etc/firejail, or by file) is read with all its includes in Firejail\'s order and written as one YAML profile with the same decisions. Its comments are kept, and the directives landjail does not enforce are listed at the top.'
  static override examples = ['<%= config.bin %> import firefox', '<%= config.bin %> import ./myapp.profile --into myapp']
  static override args = {target: Args.string({description: 'Firejail profile name or file', required: true})}
  static override flags = {
    into: Flags.string({description: 'write <config>/profiles/NAME.yaml instead of printing'}),
    force: Flags.boolean({description: 'with --into: replace an existing profile'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Import)
    const host = nodeProfileHost()
    const imported = importFirejailProfile(args.target, host)
    const report = imported.diagnostics.map((d) => formatDiagnostic(d, (f) => imported.sources.get(f))).join('\n')
    if (imported.yaml === undefined) {
      if (imported.diagnostics.some((d) => d.code === 'UNKNOWN_PROFILE')) throw new UserError(report, 'see `landjail profile list` for the profiles on the path')
      throw new UserError(`Firejail profile "${args.target}" has errors:\n${report}`)
    }
    if (report) this.logToStderr(report)
    if (!flags.into) {
      process.stdout.write(imported.yaml)
      return
    }
    if (!/^[\w.-]+$/.test(flags.into)) throw new UserError(`--into takes a profile name, not "${flags.into}"`)
    const dir = join(host.configDir, 'profiles')
    const target = join(dir, `${flags.into}.yaml`)
    if (existsSync(target) && !flags.force) throw new UserError(`${target} exists`, 'pass --force to replace it')
    mkdirSync(dir, {recursive: true})
    const temp = `${target}.${process.pid}.tmp`
    writeFileSync(temp, imported.yaml)
    renameSync(temp, target)
    this.log(`wrote ${target}`)
  }
}
