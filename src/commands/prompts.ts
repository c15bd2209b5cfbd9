import {Args, Flags} from '@oclif/core'
import {LandjailCommand} from '../cli/base-command.js'
import {UserError} from '../cli/errors.js'
import {formatPending} from '../cli/prompts-output.js'
import {ANSWERS, SCOPES} from '../supervisor/answers.js'
import {answerPrompt, listPrompts} from '../supervisor/prompt-client.js'

export default class Prompts extends LandjailCommand {
  static override summary = 'List the pending prompts of sandboxes that ask through the agent socket, or answer one'
  static override description = 'Sandboxes started with `--mode supervise --prompt agent` wait here for answers. yes/no hold for the rest of the run; always/never are remembered.'
  static override examples = [
    '<%= config.bin %> prompts',
    '<%= config.bin %> prompts answer 3fa2c1-1 yes',
    '<%= config.bin %> prompts answer 3fa2c1-2 never --scope dir',
  ]
  static override args = {
    action: Args.string({options: ['list', 'answer'], default: 'list', description: 'list (default) or answer'}),
    id: Args.string({description: 'the prompt to answer (as listed)'}),
    answer: Args.string({options: [...ANSWERS], description: 'yes, always, no or never'}),
  }
  static override flags = {
    scope: Flags.string({options: [...SCOPES], default: 'file', description: 'the answer covers the file, or its whole directory'}),
    json: Flags.boolean({description: 'print the pending prompts as JSON'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Prompts)
    if (args.action === 'list') {
      const list = await listPrompts()
      this.log(flags.json ? JSON.stringify(list.flatMap((s) => s.pending.map((p) => ({...p, sandbox: s.sandbox.id, profile: s.sandbox.profile})))) : formatPending(list))
      return
    }
    if (!args.id || !args.answer) throw new UserError('answer needs a prompt id and an answer', 'e.g. landjail prompts answer 3fa2c1-1 yes')
    const error = await answerPrompt(args.id, args.answer, flags.scope)
    if (error) throw new UserError(error)
  }
}
