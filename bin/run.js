#!/usr/bin/env node
// `landjail run` with a well-formed command line skips oclif's start-up; everything else, help included, goes through oclif.
if (process.argv[2] === 'run') {
  const {fastRun} = await import('../dist/src/bundle/run.js')
  const code = await fastRun(process.argv.slice(3))
  if (code !== undefined) process.exit(code)
}
const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})
