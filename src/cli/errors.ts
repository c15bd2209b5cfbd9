// Errors a person can cause: one message, a hint, an exit code; never a stack trace.

/** A failure with a message meant for the person at the terminal. */
export class UserError extends Error {
  constructor(message: string, readonly hint?: string, readonly exitCode = 1) {
    super(message)
    this.name = 'UserError'
  }
}

/** The one-line text of any error: its message, and its hint when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const hint = (error as {hint?: unknown}).hint
    return typeof hint === 'string' && hint ? `${error.message}\n  hint: ${hint}` : error.message
  }
  return String(error)
}

/** Print an error as every landjail command does (one message, no stack trace); returns the exit code to end with. */
export function reportError(error: unknown): number {
  process.stderr.write(`landjail: ${describeError(error)}\n`)
  const code = (error as {exitCode?: unknown} | undefined)?.exitCode
  return typeof code === 'number' ? code : 1
}
