/** The typed error of read-model queries (shared with the book's own list queries). */
export { checkedAccountId, checkedNanosOf, isQueryArgumentError, QueryArgumentError } from '../ledger/queryArgumentError.js';
