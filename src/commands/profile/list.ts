import {LandjailCommand} from '../../cli/base-command.js'
import {listProfiles} from '../../profile/find-profile.js'
import {nodeProfileHost} from '../../profile/host.js'

export default class ProfileList extends LandjailCommand {
  static override summary = 'List the profiles on the profile path'
  static override description = 'The profile path is $LANDJAIL_PROFILE_PATH, then <config>/profiles, /etc/landjail/profiles, the shipped profiles, ~/.config/firejail and /etc/firejail. A name found twice is used from the first place.'
  static override examples = ['<%= config.bin %> profile list']

  async run(): Promise<void> {
    await this.parse(ProfileList)
    for (const p of listProfiles(nodeProfileHost())) {
      if (!p.shadowed) this.log(`${p.name.padEnd(24)} ${p.file}`)
    }
  }
}
