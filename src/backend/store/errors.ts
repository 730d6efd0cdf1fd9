/**
 * What can go wrong in the store, as errors the resource routes answer with the right status. Storage failures
 * (disk full, read-only file, database down) are 503: the write was not acknowledged, the caller should retry.
 */
import { PluginError } from 'backend/grafana/errors';

export class NotFoundError extends PluginError {
  constructor(message: string) {
    super(message, 404, 'plugin');
    this.name = 'NotFoundError';
  }
}

/** The request is well-formed but contradicts what is stored (e.g. a root cause no longer in the taxonomy). */
export class ConflictError extends PluginError {
  constructor(message: string) {
    super(message, 409, 'plugin');
    this.name = 'ConflictError';
  }
}

/** The database cannot take the write (or any request) right now; nothing of the request was committed. */
export class StorageUnavailableError extends PluginError {
  constructor(
    message: string,
    /** Machine-readable reason, for logs and tests: `full`, `readonly`, `io`, `busy`, `closed`, `connection`, … */
    readonly reason: string
  ) {
    super(message, 503, 'downstream');
    this.name = 'StorageUnavailableError';
  }
}

/** The database holds a newer schema than this plugin knows: refusing beats corrupting it. */
export class SchemaTooNewError extends StorageUnavailableError {
  constructor(found: number, known: number) {
    super(
      `The database schema is at version ${found}, newer than this plugin's ${known}: upgrade the Traceo ML plugin`,
      'schema'
    );
    this.name = 'SchemaTooNewError';
  }
}
