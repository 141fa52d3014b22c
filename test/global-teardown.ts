import { adminQuery, serverUrl, TEMPLATE_ENV } from './utils/test-db';

export default async function globalTeardown(): Promise<void> {
  if (serverUrl() && process.env[TEMPLATE_ENV]) {
    await adminQuery(`DROP DATABASE IF EXISTS "${process.env[TEMPLATE_ENV]}" WITH (FORCE)`);
  }
}
