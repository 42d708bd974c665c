/**
 * zod, loaded on first use. Loading it takes about 70 ms, which start-up spends only when a file has to be
 * validated: the compiled pattern snapshot and the model's scoring table, each checked by the hash of the files it
 * came from, need no validation. It is loaded with `require` (its CommonJS build), because the pattern and model
 * loaders are synchronous.
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

type ZodNamespace = typeof Zod.z;

let loaded: ZodNamespace | undefined;

/** The zod namespace (`z`), loaded the first time it is asked for. */
export function zod(): ZodNamespace {
  return (loaded ??= (createRequire(import.meta.url)('zod') as typeof Zod).z);
}

/** Whether zod has been loaded in this process (for tests of the fast start). */
export function zodLoaded(): boolean {
  return loaded !== undefined;
}

/** A schema built the first time it is used. */
export interface LazySchema<S extends Zod.ZodType> {
  /** The schema itself (built now if it was not yet). */
  schema(): S;
  safeParse(data: unknown): ReturnType<S['safeParse']>;
  parse(data: unknown): Zod.infer<S>;
}

/** Wraps a schema builder so that neither zod nor the schema is loaded before the first parse. */
export function lazySchema<S extends Zod.ZodType>(build: (z: ZodNamespace) => S): LazySchema<S> {
  let schema: S | undefined;
  const get = () => (schema ??= build(zod()));
  return {
    schema: get,
    safeParse: (data) => get().safeParse(data) as ReturnType<S['safeParse']>,
    parse: (data) => get().parse(data) as Zod.infer<S>,
  };
}
