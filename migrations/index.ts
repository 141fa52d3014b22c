import { InitialSchema1795470982896 } from './1795470982896-InitialSchema';
import { AddStatusHistory1795474466260 } from './1795474466260-AddStatusHistory';

/** Every migration, in order. Listed explicitly so one config works everywhere. */
export const MIGRATIONS = [InitialSchema1795470982896, AddStatusHistory1795474466260];
