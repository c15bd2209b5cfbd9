// A landjail process for tests: runs one sandbox from a JSON request in argv[2] and exits with its code.
import {runSandbox, LaunchError} from '../../../src/sandbox/launch.js'
import type {RunOptions} from '../../../src/sandbox/launch.js'

const options = JSON.parse(process.argv[2] ?? '{}') as RunOptions
try {
  process.exitCode = await runSandbox(options)
} catch (err) {
  if (!(err instanceof LaunchError)) throw err
  process.stderr.write(`landjail: ${err.message}\nhint: ${err.hint}\n`)
  process.exitCode = 125
}
