// Fixtures for tests that run real sandboxes: a directory outside /tmp (profiles make /tmp private)
// that the test user owns, and the static probe compiled once.
import {execFileSync} from 'node:child_process'
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {PACKAGE_ROOT} from '../../src/profile/host.js'

/** Profiles give the sandbox a private /tmp, so fixtures never live below /tmp. */
const SCRATCH = process.env.LANDJAIL_TEST_SCRATCH
  ?? (PACKAGE_ROOT.startsWith('/tmp/') ? join(homedir(), '.cache', 'landjail-tests') : join(PACKAGE_ROOT, '.test-tmp'))

/** A fresh directory for one test, outside /tmp. */
export function scratchDir(prefix: string): string {
  mkdirSync(SCRATCH, {recursive: true})
  return mkdtempSync(join(SCRATCH, `${prefix}-`))
}

/** Compile a C fixture statically (once per process) into `dir`; returns the binary's path. */
export function buildProbe(dir: string, source = 'matrix-probe'): string {
  const out = join(dir, source)
  if (!existsSync(out)) {
    execFileSync('gcc', ['-static', '-O2', '-o', out, join(PACKAGE_ROOT, 'test', 'fixtures', `${source}.c`)], {stdio: 'inherit'})
    chmodSync(out, 0o755)
  }
  return out
}

/** A copy of a binary at `to`, executable. */
export function copyExecutable(from: string, to: string): void {
  copyFileSync(from, to)
  chmodSync(to, 0o755)
}
