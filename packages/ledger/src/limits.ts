/**
 * Every limit of the ledger core in one place (TIGER_STYLE: put a limit on everything). Modules
 * import them from here; nothing else writes a limit literal. Each says why it is what it is.
 */

// --- ids, codes, strings ---------------------------------------------------------------------

/** Longest id (account, transfer, ledger): fits a bank's account numbers and order ids, bounds the index. */
export const MAX_ID_LENGTH = 128;
/** Id grammar: letters, digits and `. _ : -`, so an id never needs escaping in a path, URL or SQL key. */
export const ID_PATTERN = new RegExp(`^[A-Za-z0-9._:-]{1,${MAX_ID_LENGTH}}$`);
/** Largest chart-of-accounts or reason code: TigerBeetle's u16 `code` (0 means "none"). */
export const MAX_CODE = 65_535;
/** Longest `userData`: one caller reference (order id, contract number), not a document. */
export const MAX_USER_DATA_LENGTH = 256;
/** Longest account `tenant`: an owning entity's id, like an id. */
export const MAX_TENANT_LENGTH = 128;
/** Most account metadata labels: labels, not a document store. */
export const MAX_METADATA_KEYS = 32;
/** Longest metadata key. */
export const MAX_METADATA_KEY_LENGTH = 64;
/** Longest metadata value. */
export const MAX_METADATA_VALUE_LENGTH = 1_024;
/** Asset code grammar: ISO-4217 letters or a custom code of 1-12 upper-case letters, digits, `_`. */
export const ASSET_CODE_PATTERN = /^[A-Z0-9_]{1,12}$/;
/** Largest asset scale (decimal places): 10^18 minor units still leave 20 digits of major units in a u128. */
export const MAX_SCALE = 18;

// --- amounts ---------------------------------------------------------------------------------

/** Ledger amount grammar: a non-negative plain decimal, no sign, no exponent, no leading zeros. */
export const AMOUNT_PATTERN = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
/** Largest amount or balance field: 2^128 - 1 minor units, TigerBeetle's u128 (AMOUNT_MAX). */
export const AMOUNT_MAX = 2n ** 128n - 1n;
/** Integer digits of AMOUNT_MAX: a longer integer part is out of range without parsing it. */
export const MAX_AMOUNT_DIGITS = 39;

// --- time --------------------------------------------------------------------------------------

/** Longest hold timeout in seconds: TigerBeetle's u32 range, kept to a signed 31-bit value for JS and SQL. */
export const MAX_TIMEOUT_SECONDS = 2 ** 31 - 1;
/** Imported timestamp grammar: nanoseconds as 1 to 19 digits without leading zeros. */
export const IMPORTED_TIMESTAMP_PATTERN = /^[1-9][0-9]{0,18}$/;
/** Largest imported timestamp: TigerBeetle's u63 nanoseconds. */
export const MAX_IMPORTED_TIMESTAMP = 2n ** 63n - 1n;
/** Largest period number: a signed 31-bit value, far beyond any book's closes. */
export const MAX_PERIOD = 2 ** 31 - 1;

// --- batches and requests --------------------------------------------------------------------

/** Largest batch a book accepts at once: keeps one event (and one append) bounded. */
export const MAX_BATCH_SIZE = 10_000;
/** Most legs of a journal entry: a repayment or VAT split has a handful; 64 bounds the balance check. */
export const MAX_LEGS = 64;
/** Deepest nesting inside one item (an item is an object of objects at most a few levels deep). */
export const MAX_ITEM_DEPTH = 16;
/** Most keys of one object, or elements of one array, inside an item (the largest real one: 65 journal legs). */
export const MAX_ITEM_FANOUT = 256;
/** Most values (objects, arrays and leaves) in one item. */
export const MAX_ITEM_NODES = 4_096;
/** Longest string of a request context (command id, actor ...): ids and names, not text. */
export const MAX_CONTEXT_STRING_LENGTH = 256;

// --- the writer's queues -----------------------------------------------------------------------

/** Most `createTransfers` calls in one group commit: bounds one append. */
export const MAX_GROUP_REQUESTS = 1_024;
/** Default bound of the calls waiting for the writer: beyond it a book is overloaded, not slow. */
export const DEFAULT_MAX_WAITING_REQUESTS = 4_096;
/** Default bound of the items waiting for the group commit: five full batches. */
export const DEFAULT_MAX_WAITING_ITEMS = 5 * MAX_BATCH_SIZE;
/** Events read per page when a book catches up with its stream: bounds memory while replaying. */
export const CATCH_UP_PAGE_SIZE = 1_000;

// --- lists -----------------------------------------------------------------------------------

/** Items of a page when the caller gives no limit: a screenful for a person, cheap for a service. */
export const DEFAULT_PAGE_SIZE = 100;
/** Most items of one page: bounds the memory and latency of one call; walk the pages for more. */
export const MAX_PAGE_SIZE = 1_000;

// --- money, codecs, stores, projections, integrity ---------------------------------------------
/** Longest ratio string accepted by allocation: a ratio is a short decimal, and parsing stays cheap. */
export const MAX_RATIO_LENGTH = 1_000;
/** Most parts one allocation splits into: bounds the memory of one call. */
export const MAX_ALLOCATION_PARTS = 1_000_000;
/** Longest factor, rate or divisor string: bounds decimal.js parsing of hostile input. */
export const MAX_FACTOR_LENGTH = 1_000;
/** Parsed rates the calculator remembers: products reuse a handful of rates. */
export const FRACTION_CACHE_SIZE = 256;
/** Largest exponent of power(): daily compounding over millennia, still bounded in time. */
export const MAX_POWER_EXPONENT = 1_000_000;
/** Rows per multi-row SQL statement: stays under every driver's parameter limit. */
export const SQL_MAX_CHUNK = 256;
/** Events a projection runner applies per transaction by default: one checkpoint per page. */
export const DEFAULT_PROJECTION_BATCH_SIZE = 500;
/** Issues one validation report lists: enough to fix a request, short enough to log. */
export const MAX_REPORTED_ISSUES = 20;
/** Errors one struct keeps while validating: the rest are only counted. */
export const MAX_COLLECTED_ERRORS = 100;
/** Keys of an object the fingerprint sorts on its fast path; larger objects take the general path. */
export const MAX_FAST_FINGERPRINT_KEYS = 512;
/** Ids one closed-index lookup takes: a full group of batches with their pending ids, within SQL parameter limits. */
export const MAX_LOOKUP_IDS = 30_000;
/** Events read per page when a closed period is rebuilt from the log. */
export const CLOSED_INDEX_PAGE_SIZE = 1_000;
/** Longest book id: like any id; the stream name adds a short prefix. */
export const MAX_BOOK_ID_LENGTH = 128;
/** Head public keys verify accepts: years of rotations, bounded. */
export const MAX_HEAD_KEYS = 1_000;
/** Signed heads one verify run checks: one per batch window for years. */
export const MAX_HEADS = 100_000;
/** Shortest seal key: 256 bits, HMAC-SHA256's block strength. */
export const MIN_SEAL_KEY_BYTES = 32;
/** Seal keys one book or verify accepts: years of rotations, bounded. */
export const MAX_SEAL_KEYS = 1_000;
/** Deepest nesting the stores compare for idempotent re-appends: as deep as JSON values may be. */
export const MAX_COMPARED_DEPTH = 256;
/** Events a book writes between automatic snapshots by default: bounds the tail a restart replays. */
export const DEFAULT_SNAPSHOT_EVERY = 1_000;
/** Events verify reads per page: bounds its memory on any history. */
export const VERIFY_PAGE_SIZE = 1_000;
/** Cap of the retry backoff after a concurrency conflict, in milliseconds. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 1_000;
/** Most streams one `appendMany` writes: a close of business over 10,000 contracts in one transaction. */
export const MAX_APPEND_MANY_STREAMS = 10_000;
/** Most events one `appendMany` writes: ten per stream of a full call, and one transaction stays bounded in memory and lock time. */
export const MAX_APPEND_MANY_EVENTS = 100_000;
/** Rows one PostgreSQL multi-stream insert carries as array parameters: bounds one message to a few MB of JSON. */
export const PG_MAX_ROWS_PER_INSERT = 10_000;

// --- processors --------------------------------------------------------------------------------

/** Longest processor or projection name: it is a checkpoint key, a short identifier, not text. */
export const MAX_PROCESSOR_NAME_LENGTH = 200;
/** Most attempts a processor's retry policy may ask for at one page: past that, stopping and alerting is better than spinning. */
export const MAX_PROCESSOR_ATTEMPTS = 100;
/** Most commands a command reactor sends for one event: a reaction fans out to a handful of aggregates, not a batch job. */
export const MAX_COMMANDS_PER_EVENT = 64;
