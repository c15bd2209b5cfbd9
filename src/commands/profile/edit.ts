import {readFile, rm} from 'node:fs/promises'
import {Args} from '@oclif/core'
import {LandjailCommand} from '../../cli/base-command.js'
import {editTargetOf, type EditTarget} from '../../cli/edit-target.js'
import {UserError} from '../../cli/errors.js'
import {formatDiagnostics, locateProfile} from '../../cli/open-profile.js'
import {describeEditor, editorOf, runEditor, type EditorExit} from '../../cli/run-editor.js'
import {nodeProfileHost} from '../../profile/host.js'
import {loadProfile} from '../../profile/load-profile.js'
import {localOverrideHeader} from '../../profile/remember/remember-target.js'

export default class ProfileEdit extends LandjailCommand {
  static override summary = 'Edit your copy of a profile in $VISUAL or $EDITOR, and check it when the editor exits'
  static override description = [
    'Opens the profile itself when it is a YAML file you own and can write. For shipped, system and Firejail profiles it opens',
    'the local override <config>/local/NAME.yaml instead (created with a header on first use), which is applied above the profile.',
    'The editor is $VISUAL, else $EDITOR, else vi, and may hold arguments ("code --wait").',
    'After the editor exits the profile is loaded again and every problem is printed as file:line:col: severity CODE: message;',
    'the exit status is non-zero when there is an error. Running sandboxes follow each good save and keep their last good policy otherwise.',
  ].join(' ')
  static override examples = ['<%= config.bin %> profile edit git', 'EDITOR="code --wait" <%= config.bin %> profile edit ~/.config/landjail/profiles/notes.yaml']
  static override args = {name: Args.string({description: 'profile name or file', required: true})}

  async run(): Promise<void> {
    const {args} = await this.parse(ProfileEdit)
    const host = nodeProfileHost()
    const before = locateProfile(args.name, host)
    const target = await editTargetOf(before)
    const editor = editorOf(process.env)
    this.logToStderr(`landjail: editing ${target.file} (${target.role})`)
    const exit = await runEditor(editor, target.file).catch(async (error: unknown) => {
      await removeUnusedOverride(target, before.file)
      throw error
    })

    const after = loadProfile(args.name, host)
    if (after.diagnostics.length > 0) this.logToStderr(formatDiagnostics(after))
    const errors = after.diagnostics.filter((d) => d.severity === 'error').length
    if (errors) {
      throw new UserError(
        `profile ${after.name}: ${errors} error${errors === 1 ? '' : 's'} after the edit; running sandboxes keep their last good policy`,
        `fix ${target.file} with \`landjail profile edit ${args.name}\``,
      )
    }
    this.log(`profile ${after.name}: OK`)
    if (exit.kind !== 'exited' || exit.status !== 0) throw new UserError(`${describeEditor(editor)} ${endingOf(exit)}`)
  }
}

/** A local override created for an editor that never started goes again, unless something wrote to it meanwhile. */
async function removeUnusedOverride(target: EditTarget, profileFile: string): Promise<void> {
  if (!target.created) return
  const text = await readFile(target.file, 'utf8').catch(() => undefined)
  if (text === localOverrideHeader(profileFile)) await rm(target.file, {force: true})
}

function endingOf(exit: EditorExit): string {
  return exit.kind === 'killed' ? `was killed by ${exit.signal}` : `exited with status ${exit.status}`
}
