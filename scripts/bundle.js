#!/usr/bin/env node
// Bundles the launch path after the build: the `run` fast path, the in-sandbox stage and the notification loop's
// worker, each loaded as a few files instead of about a hundred modules (a Node ESM import costs per file).
// koffi stays outside: it loads its native library by path.
import {build} from 'esbuild'
import {rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'dist', 'src')
rmSync(join(src, 'bundle'), {recursive: true, force: true}) // chunk names change with their contents

await build({
  entryPoints: {
    run: join(src, 'cli', 'fast-run.js'),
    stage: join(src, 'sandbox', 'stage.js'),
    'notify-loop': join(src, 'supervisor', 'notify-loop.js'),
  },
  // Same depth as dist/src/sandbox: the modules find the package root three levels up, and the worker beside them.
  outdir: join(src, 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['koffi', '@oclif/core'],
  // yaml is CommonJS: its require() calls of Node's modules need a require in an ES module.
  banner: {js: "import {createRequire as __landjailRequire} from 'node:module'; const require = __landjailRequire(import.meta.url);"},
  logLevel: 'warning',
})
