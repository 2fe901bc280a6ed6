/** Who caused a message. Every event names its actor; staff decisions name the person. */
export type ActorRole = 'candidate' | 'staff' | 'auditor' | 'admin' | 'system' | 'anonymous';

export interface Actor {
  id: string;
  role: ActorRole;
}

/** Metadata stored with every event (DESIGN.md: actor, correlation, causation, time, ip, schema). */
export interface EventMetadata {
  messageId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  occurredAt: string;
  ip?: string;
  schemaVersion: number;
  /** Tamper evidence: hash chaining this event to the previous one of its stream (audit issue). */
  hash?: string;
  [extra: string]: unknown;
}

/** A domain event as deciders produce it: a past-tense fact without storage details. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event ready to be appended: the domain event plus its id and metadata. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
}

/** An event as read back from the store. Positions and revisions are bigint in memory. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  streamId: string;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  /** 0-based index of the event in its stream. */
  revision: bigint;
  /** Position in the global log; ordered, not necessarily dense. */
  position: bigint;
  /** When the store accepted the event (ISO 8601). */
  recordedAt: string;
}

/** What every command carries besides its own data: who, when, where, and which request. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** Time enters deciders through the command so they stay pure. */
  now: Date;
  ip?: string;
}
