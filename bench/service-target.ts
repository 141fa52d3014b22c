import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app/app.module';
import { configureApp } from '../src/app/app.setup';

/**
 * The service under benchmark, in its own process: the real app on the database the environment
 * names (DATABASE_URL, or embedded under DATA_DIR). Prints its URL, then serves until stdin closes.
 */
async function main(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn'] }));
  await app.listen(0, '127.0.0.1');
  console.log(JSON.stringify({ url: `${await app.getUrl()}/graphql` }));
  process.stdin.resume();
  process.stdin.on('end', () => void app.close().then(() => process.exit(0)));
}

void main();
