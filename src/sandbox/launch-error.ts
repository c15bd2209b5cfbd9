// A launch problem a person can fix: one message and a hint, printed by the CLI without a stack trace.
export class LaunchError extends Error {
  override readonly name = 'LaunchError'
  constructor(message: string, readonly hint: string) {
    super(message)
  }
}
