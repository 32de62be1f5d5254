export { DeciderSpecification, type DeciderGiven, type DeciderThen, type DeciderWhen, type FailureExpectation, type ThrowExpectation } from './deciderSpecification.js';
export { envelopeCorruptions, testEvent, testEvents, testMetadata, type EnvelopeCorruption } from './eventFixtures.js';
export { describeEventStoreContract, eventually, rejectionOf, type EventStoreContractFactory, type EventStoreContractOptions, type EventStoreContractSubject } from './eventStoreContract.js';
export { describeEventStoreProperties } from './eventStoreProperties.js';
export { defaultDoubleMaxAppendSize, startEventStoreDbDouble, type EventStoreDbDouble, type EventStoreDbDoubleOptions } from './eventStoreDbDouble/index.js';
export { describePostgres, postgresAvailable, postgresRequired, postgresTestSchema, postgresTestUrl, type PostgresTestSchema } from './postgresTestDatabase.js';
export { faultyEventStore, InjectedFaultError, type FaultControl, type FaultOperation, type FaultPlan, type FaultyEventStore } from './faultyEventStore.js';
