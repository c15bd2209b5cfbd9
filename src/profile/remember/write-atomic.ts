// Replace a file's content atomically: temp file in the same directory, write, fsync, rename, fsync the directory.
import {randomBytes} from 'node:crypto'
import {open, rename, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

export interface AtomicWriteOptions {
  /** Permission bits of the new file (the old file's, to keep them). */
  readonly mode: number
  /** Called after the temp file is durable and just before the rename; returning false abandons the write. */
  readonly beforeRename?: () => Promise<boolean>
}

/** Write `text` to `file` so that readers see the old or the new content, never a mix; false if abandoned. */
export async function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions): Promise<boolean> {
  const dir = dirname(file)
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', options.mode)
  let renamed = false
  try {
    await handle.writeFile(text, 'utf8')
    // The umask may have narrowed the mode given to open.
    await handle.chmod(options.mode)
    await handle.sync()
    await handle.close()
    if (options.beforeRename && !(await options.beforeRename())) return false
    await rename(temp, file)
    renamed = true
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined)
      await unlink(temp).catch(() => undefined)
    }
  }
  await syncDirectory(dir)
  return true
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close()
  }
}
