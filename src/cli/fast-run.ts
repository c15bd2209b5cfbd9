// The launch fast path: bin/run.js hands a `run` command line here before loading oclif, which costs a launch
// about 90 ms. Built into one file (dist/src/bundle/run.js) so that its modules load in one go.
import {reportError} from './errors.js'
import {runProgram} from './run-program.js'
import {parseRunWords} from './run-request.js'

/** The exit code of `landjail run WORDS`, or undefined when the command line is not a well-formed one (oclif reports it). */
export async function fastRun(words: readonly string[]): Promise<number | undefined> {
  const request = parseRunWords(words)
  if (!request) return undefined
  try {
    return await runProgram(request)
  } catch (err) {
    return reportError(err)
  }
}
