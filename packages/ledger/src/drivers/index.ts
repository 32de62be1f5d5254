/** On-demand loading of the optional database drivers. */
export { requireDriver } from './requireDriver.js';
