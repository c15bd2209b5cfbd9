// koffi, loaded through its CommonJS entry: one file, where its ES module entry is several and costs every
// Node start that needs it (the launcher and the in-sandbox stage) about 3 ms more.
import {createRequire} from 'node:module'
import type * as Koffi from 'koffi'

const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi
export default koffi
