// Every landjail command prints failures as one clear message and exits non-zero.
import {Command} from '@oclif/core'
import {reportError} from './errors.js'

export abstract class LandjailCommand extends Command {
  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    // oclif's own flag and argument errors, and this.exit(), keep their handling.
    if (err.oclif || err.name === 'ExitError') return super.catch(err)
    return this.exit(reportError(err))
  }
}
