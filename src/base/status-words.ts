/** The status words of a norm instance (contract §4). */
export const NORM_STATUSES = ['void', 'not-triggered', 'pending', 'due', 'fulfilled', 'breached', 'discharged'] as const;

/** The status words of a treaty (contract §4). */
export const TREATY_STATUSES = ['negotiating', 'signed', 'in-force', 'suspended', 'terminated'] as const;

/** The kinds of norm (contract §4). */
export const NORM_KINDS = ['duty', 'prohibition', 'permission', 'power'] as const;
