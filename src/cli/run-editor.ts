// The user's editor: chosen as git and crontab choose it, run on the terminal, failures in plain words.
import {execa} from 'execa'
import {UserError} from './errors.js'

export interface Editor {
  /** The command as the user wrote it; may hold arguments and shell quoting (`code --wait`). */
  readonly command: string
  /** Where it came from, for messages. */
  readonly from: 'VISUAL' | 'EDITOR' | 'default'
}

/** $VISUAL, else $EDITOR, else vi; a variable that is set but blank counts as unset. */
export function editorOf(env: NodeJS.ProcessEnv): Editor {
  if (env.VISUAL?.trim()) return {command: env.VISUAL.trim(), from: 'VISUAL'}
  if (env.EDITOR?.trim()) return {command: env.EDITOR.trim(), from: 'EDITOR'}
  return {command: 'vi', from: 'default'}
}

/** The shell's statuses for "not found" and "found but not executable" (POSIX 2.8.2). */
const SH_NOT_FOUND = 127
const SH_NOT_EXECUTABLE = 126

/** How the editor ended, once it did start. */
export type EditorExit = {readonly kind: 'exited'; readonly status: number} | {readonly kind: 'killed'; readonly signal: string}

/**
 * Run the editor on `file` with the terminal as its stdio and wait for it. The command goes through
 * `sh -c '<command> "$1"' sh FILE`, so its arguments and quotes work as in a shell and the file name is
 * never re-split. An editor that cannot be started is a UserError; any other ending is returned.
 */
export async function runEditor(editor: Editor, file: string): Promise<EditorExit> {
  const result = await execa('sh', ['-c', `${editor.command} "$1"`, 'sh', file], {stdio: 'inherit', reject: false})
  const hint = 'set VISUAL or EDITOR to an editor on your PATH, e.g. EDITOR=nano'
  if (result.signal) return {kind: 'killed', signal: result.signal}
  if (result.exitCode === SH_NOT_FOUND) throw new UserError(`cannot start ${describeEditor(editor)}: command not found`, hint)
  if (result.exitCode === SH_NOT_EXECUTABLE) throw new UserError(`cannot start ${describeEditor(editor)}: not executable`, hint)
  if (result.exitCode === undefined) {
    const reason = 'code' in result && result.code ? result.code : 'sh could not be run'
    throw new UserError(`cannot start ${describeEditor(editor)}: ${reason}`, hint)
  }
  return {kind: 'exited', status: result.exitCode}
}

/** `the editor "code --wait" (from $VISUAL)`. */
export function describeEditor(editor: Editor): string {
  return `the editor "${editor.command}"${editor.from === 'default' ? '' : ` (from $${editor.from})`}`
}
