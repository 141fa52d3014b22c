/** A problem found in a case: by the file parser, the schema or the structural rules (SPEC §2). */
export type CaseIssueCode =
  | 'YAML_SYNTAX'
  | 'XML_SYNTAX'
  | 'UNSUPPORTED_MEF'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_TOO_DEEP'
  | 'INVALID_FIELD'
  | 'UNKNOWN_FIELD'
  | 'INVALID_KEY'
  | 'DUPLICATE_KEY'
  | 'DUPLICATE_REFERENCE'
  | 'UNKNOWN_REFERENCE'
  /** A reference to a node of the wrong kind (a scenario step naming a claim). */
  | 'INVALID_REFERENCE'
  | 'EMPTY_CHAIN'
  | 'UNDEVELOPED_SCENARIO'
  | 'PATHWAY_AS_SUPPORT'
  | 'INVALID_DEPENDENCY'
  | 'CYCLE'
  | 'AT_LEAST_OUT_OF_RANGE'
  | 'UNDECLARED_TEAM'
  | 'UNUSED_CLAIM'
  | 'UNDEVELOPED_CLAIM'
  | 'EFFORT_ON_IN_PLACE';

export type CasePath = readonly (string | number)[];

export interface CaseIssue {
  readonly severity: 'error' | 'warning';
  readonly code: CaseIssueCode;
  /** Names the offending keys; never relies on the line alone. */
  readonly message: string;
  /** Where in the case document, e.g. ['claims', 3, 'supports', 1]. */
  readonly path: CasePath;
  /** The keys involved, first the node the issue is on. */
  readonly keys: readonly string[];
}
