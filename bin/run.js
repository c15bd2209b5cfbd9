#!/usr/bin/env node
// `landjail run` with a well-formed command line skips oclif's start-up; everything else, help included, goes through oclif.
if (process.argv[2] === 'run') {
  const bundle = await import('../dist/src/bundle/run.js').catch((err) => {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err
    process.stderr.write('landjail: the launch bundle is missing (dist/src/bundle)\n  hint: run `npm run build`\n')
    process.exit(1)
  })
  const code = await bundle.fastRun(process.argv.slice(3))
  if (code !== undefined) process.exit(code)
}
const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})
