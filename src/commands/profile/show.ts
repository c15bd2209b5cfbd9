import {Args} from '@oclif/core'
import {LandjailCommand} from '../../cli/base-command.js'
import {openProfile, policyOf} from '../../cli/open-profile.js'
import {where} from '../../cli/explain-text.js'

export default class ProfileShow extends LandjailCommand {
  static override summary = 'Show the resolved view of a profile: its layers and every rule in force'
  static override examples = ['<%= config.bin %> profile show bash']
  static override args = {name: Args.string({description: 'profile name or file', required: true})}

  async run(): Promise<void> {
    const {args} = await this.parse(ProfileShow)
    const loaded = openProfile(args.name)
    const policy = policyOf(loaded)
    this.log(`profile ${loaded.name}: ${loaded.file}`)
    if (policy.description) this.log(`  ${policy.description}`)
    if (policy.command) this.log(`command: ${policy.command.join(' ')}`)
    this.log(`unknown: ${policy.unknown}`)
    policy.layers.forEach((layer, i) => {
      this.log(`layer ${i + 1}: ${layer.kind} ${layer.name} (${layer.file})`)
      for (const r of policy.rules.filter((x) => x.layer === i)) {
        this.log(`  ${r.effect.padEnd(5)} ${r.access.padEnd(5)} ${r.path}  <- ${r.kind} ${r.written} at ${where(loaded, r.span)}`)
      }
    })
    const net = policy.network
    this.log(`network: ${net.none ? 'none' : `connect ${net.connect?.join(',') ?? 'any'}; bind ${net.bind?.join(',') ?? 'any'}`}`)
    if (policy.private.length) this.log(`private: ${policy.private.join(' ')}`)
  }
}
