import { QUERY_TYPES, QueryType } from 'contract/query';

export interface QueryTypeInfo {
  value: QueryType;
  label: string;
  description: string;
  /** False until the backend has a handler for it; the editor shows it but will not let a user pick it. */
  available: boolean;
}

/**
 * Every query type the contract defines, with whether this release can run it. Flip `available` in the same
 * change that registers the backend handler, so the editor never offers a query that can only fail.
 */
const INFO: Record<QueryType, Omit<QueryTypeInfo, 'value'>> = {
  raw: {
    label: 'Raw',
    description: 'PromQL as is: the series Prometheus returns.',
    available: true,
  },
  anomaly: {
    label: 'Anomaly',
    description: 'Expected value, band and a 0–100 anomaly score per series.',
    available: true,
  },
  forecast: {
    label: 'Forecast',
    description: 'Forecast with intervals and the probability of crossing a threshold.',
    available: true,
  },
  rootCause: {
    label: 'Root cause',
    description: 'Candidate metrics ranked by how likely they caused an incident.',
    available: false,
  },
  drift: {
    label: 'Drift',
    description: 'How far recent data moved from a reference window.',
    available: false,
  },
};

export const QUERY_TYPE_INFO: QueryTypeInfo[] = QUERY_TYPES.map((value) => ({ value, ...INFO[value] }));

export function queryTypeInfo(type: QueryType): QueryTypeInfo {
  return { value: type, ...INFO[type] };
}

export function isQueryTypeAvailable(type: QueryType): boolean {
  return INFO[type].available;
}
