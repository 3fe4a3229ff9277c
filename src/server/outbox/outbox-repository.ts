import type { DbExecutor } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema";

export interface DomainEvent {
  /** Dot-case, e.g. booking.confirmed. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** Ids, times and states; never patient contact details or notes. */
  payload: Record<string, unknown>;
}

/** Adds a domain event to the outbox; call it inside the transaction of the change that caused it. */
export async function enqueueDomainEvent(db: DbExecutor, event: DomainEvent): Promise<void> {
  await db.insert(outboxEvents).values(event);
}
