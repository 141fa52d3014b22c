import { Injectable } from '@nestjs/common';
import { AlertStateEntity } from '../entities/alert-state.entity';
import { managerOf, type Tx } from '../database/transactions';

/** A firing alert's row, as the hook records it. */
export type NewAlertState = Pick<
  AlertStateEntity,
  'reportId' | 'fingerprint' | 'mitigationKey' | 'previousStatus' | 'appliedStatus' | 'alertName'
>;

/**
 * The firing alerts that changed a mitigation's status. Every method runs in the alert's write
 * transaction, under the report's lock (see AlertHookService).
 */
@Injectable()
export class AlertStatesRepository {
  find(tx: Tx, reportId: string, fingerprint: string): Promise<AlertStateEntity | null> {
    return managerOf(tx).findOneBy(AlertStateEntity, { reportId, fingerprint });
  }

  /** The earliest alert still firing on a mitigation, or null. */
  firstOn(tx: Tx, reportId: string, mitigationKey: string): Promise<AlertStateEntity | null> {
    return managerOf(tx).findOne(AlertStateEntity, {
      where: { reportId, mitigationKey },
      order: { firedAt: 'ASC' },
    });
  }

  async insert(tx: Tx, state: NewAlertState): Promise<void> {
    await managerOf(tx).insert(AlertStateEntity, state);
  }

  async delete(tx: Tx, reportId: string, fingerprint: string): Promise<void> {
    await managerOf(tx).delete(AlertStateEntity, { reportId, fingerprint });
  }
}
