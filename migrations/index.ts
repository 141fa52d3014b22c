import { InitialSchema1795470982896 } from './1795470982896-InitialSchema';

/** Every migration, in order. Listed explicitly so one config works everywhere. */
export const MIGRATIONS = [InitialSchema1795470982896];
