import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

declare const txBrand: unique symbol;

/**
 * A database transaction in progress (or, from `Transactions.autocommit`, none: each statement
 * commits alone). Opaque above storage: a service hands it from `Transactions.run` to the
 * repositories, which alone read and write through it, so every query stays in storage.
 */
export interface Tx {
  readonly [txBrand]: true;
}

/** The TypeORM manager behind a Tx: for repositories only (the lint rules keep TypeORM in storage). */
export function managerOf(tx: Tx): EntityManager {
  return tx as unknown as EntityManager;
}

/** A manager as a Tx, for a repository that opens a transaction of its own. */
export function txOf(em: EntityManager): Tx {
  return em as unknown as Tx;
}

/**
 * When `e` is a unique violation (two writers raced for one new key), its detail (which key);
 * otherwise null.
 */
export function uniqueViolationDetail(e: unknown): string | null {
  if (!(e instanceof QueryFailedError)) return null;
  const driverError = e.driverError as { code?: string; detail?: string };
  if (driverError.code !== '23505') return null;
  return driverError.detail ?? 'a key already exists';
}

/** Opens transactions for the services above storage. */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (tx: Tx) => Promise<T>, isolation?: 'REPEATABLE READ'): Promise<T> {
    const inTx = (em: EntityManager) => work(txOf(em));
    return isolation
      ? this.dataSource.transaction(isolation, inTx)
      : this.dataSource.transaction(inTx);
  }

  /** No transaction: each statement commits by itself (for a write that is one statement). */
  get autocommit(): Tx {
    return txOf(this.dataSource.manager);
  }
}
