/** Processors: checkpointed, at-least-once reactors over the global log (projections are one kind). */
export { commandReactor, deriveReactorCommandId, reactorCommandIdNamespace, type CommandReactorOptions, type ReactorCommand } from './commandReactor.js';
export {
  isProcessorError,
  ProcessorCommandFailedError,
  ProcessorError,
  ProcessorHandlerError,
  ProcessorOptionsError,
} from './errors.js';
export { eachEvent, type EventHandler, type Processor, type ProcessorContext } from './processor.js';
export type { ProcessorStartFrom, RunProcessorOnceOptions, StartProcessorOptions } from './processorOptions.js';
export { runProcessorOnce, startProcessor, type ProcessorRunReport, type RunningProcessor } from './startProcessor.js';
