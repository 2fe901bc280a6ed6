import type { EventMetadata } from '../../../shared/messages';

/** Converts the data of one schema version into the next one's shape. */
export type Upcaster = (data: unknown) => unknown;

export interface EventTypeDefinition {
  type: string;
  /** Current schema version written by this code. */
  schemaVersion: number;
  /** upcasters[v] turns version v into v + 1. */
  upcasters?: Record<number, Upcaster>;
}

/**
 * Every event type the application may read is declared here by its slice, so an unknown or
 * malformed event in the store fails loudly instead of being skipped.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventTypeDefinition>();

  register(...definitions: EventTypeDefinition[]): this {
    for (const definition of definitions) {
      const existing = this.definitions.get(definition.type);
      if (existing && existing !== definition) {
        if (existing.schemaVersion !== definition.schemaVersion)
          throw new Error(`Event type ${definition.type} registered twice with different versions`);
        continue;
      }
      this.definitions.set(definition.type, definition);
    }
    return this;
  }

  /** Declares event types at their first schema version. */
  registerTypes(...types: string[]): this {
    return this.register(...types.map((type) => ({ type, schemaVersion: 1 })));
  }

  /** Every type declared so far, in the order the slices declared them. */
  types(): string[] {
    return [...this.definitions.keys()];
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  schemaVersionOf(type: string): number {
    return this.definitions.get(type)?.schemaVersion ?? 1;
  }

  /** Returns the data in its current shape; throws a plain Error with the reason otherwise. */
  upcast(type: string, data: unknown, metadata: EventMetadata): unknown {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`unknown event type "${type}"`);
    let version = metadata.schemaVersion;
    if (!Number.isInteger(version) || version < 1) throw new Error(`invalid schemaVersion ${String(version)}`);
    if (version > definition.schemaVersion)
      throw new Error(`schemaVersion ${version} is newer than this code knows (${definition.schemaVersion})`);
    let current = data;
    while (version < definition.schemaVersion) {
      const upcaster = definition.upcasters?.[version];
      if (!upcaster) throw new Error(`no upcaster from schemaVersion ${version}`);
      current = upcaster(current);
      version += 1;
    }
    return current;
  }
}

/** The application's registry; each slice registers its events when its module file loads. */
export const eventRegistry = new EventRegistry();
