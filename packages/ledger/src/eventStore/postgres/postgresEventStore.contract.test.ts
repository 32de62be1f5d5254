import { describeEventStoreContract, describePostgres, postgresTestSchema } from '../../testing/index.js';
import { createPostgresEventStore } from './index.js';

describePostgres('PostgreSQL event store', () => {
  describeEventStoreContract('postgres', async () => {
    const { connectionString, schema, drop } = await postgresTestSchema();
    return {
      store: await createPostgresEventStore({ connectionString, schema }),
      reopen: () => createPostgresEventStore({ connectionString, schema }),
      teardown: drop,
    };
  });
});
