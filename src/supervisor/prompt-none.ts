// --prompt none: nobody to ask, every prompt is a deny (and logged by the loop).
import type {PromptBackend, PromptBroker} from './prompt-broker.js'

export function noneBackend(broker: PromptBroker): PromptBackend {
  return {
    name: 'none',
    show: (p) => setImmediate(() => broker.deny(p.id, 'no prompt backend (--prompt none)')),
    withdraw: () => undefined,
    notice: (text) => process.stderr.write(`${text}\n`),
    close: () => undefined,
  }
}
