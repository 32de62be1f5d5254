import { v5 } from 'uuid';

/**
 * UUID v5 namespace of event ids derived from command ids. Fixed forever: changing it would give a
 * retried command new event ids, and stores could no longer deduplicate it.
 */
export const commandEventIdNamespace = '52345799-80af-4bc1-bd3d-36c44db77953';

/** Id of the `index`-th event produced by command `commandId`: uuid v5 of `${commandId}/${index}`. */
export const deriveEventId = (commandId: string, index: number): string =>
  v5(`${commandId}/${index}`, commandEventIdNamespace);
