// The service under benchmark, in its own process: the compiled app (`npm run build`, as
// `npm start` runs it) on the database the environment names (DATABASE_URL, or embedded under
// DATA_DIR). Prints its URL, then serves until stdin closes.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('../dist/src/app/app.module');
const { configureApp } = require('../dist/src/app/app.setup');

async function main() {
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn'] }));
  await app.listen(0, '127.0.0.1');
  console.log(JSON.stringify({ url: `${await app.getUrl()}/graphql` }));
  process.stdin.resume();
  process.stdin.on('end', () => void app.close().then(() => process.exit(0)));
}

void main();
