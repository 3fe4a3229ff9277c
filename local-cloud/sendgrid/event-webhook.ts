import crypto from "node:crypto";

import { WebhookPoster } from "../lib/webhook-post";

export const SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
export const TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

export type SendGridEventType =
  | "processed"
  | "delivered"
  | "open"
  | "click"
  | "bounce"
  | "dropped"
  | "deferred"
  | "spamreport";

/** One event as SendGrid posts it; custom args appear as top-level keys, as SendGrid does. */
export interface SendGridWebhookEvent {
  email: string;
  timestamp: number;
  event: SendGridEventType;
  sg_event_id: string;
  sg_message_id: string;
  "smtp-id"?: string;
  category?: string[];
  [key: string]: unknown;
}

export interface RetryConfig {
  /** Total delivery attempts per batch, including the first. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for each further attempt. */
  initialDelayMs: number;
}

export type BatchStatus = "retrying" | "delivered" | "failed";

export interface BatchRecord {
  id: number;
  eventIds: string[];
  attempts: number;
  status: BatchStatus;
  lastStatusCode: number | null;
  lastError: string | null;
}

interface Batch extends BatchRecord {
  body: string;
}

/**
 * Signs and posts event batches like SendGrid's Event Webhook: ECDSA P-256 over
 * timestamp + raw body, Base64 DER signature, retried with exponential backoff on non-2xx.
 */
export class EventWebhookDispatcher {
  readonly publicKeyBase64Der: string;
  private readonly privateKey: crypto.KeyObject;
  private pending: SendGridWebhookEvent[] = [];
  private readonly batches: Batch[] = [];
  private lastDelivered: Batch | undefined;
  private nextBatchId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly poster = new WebhookPoster();

  constructor(
    private url: string | undefined,
    private readonly retry: RetryConfig,
    private readonly now: () => number,
  ) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    this.privateKey = privateKey;
    this.publicKeyBase64Der = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  enqueue(event: SendGridWebhookEvent): void {
    this.pending.push(event);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  records(): BatchRecord[] {
    return this.batches.map(({ body: _body, ...record }) => ({ ...record, eventIds: [...record.eventIds] }));
  }

  /** Posts pending events as one batch and retries every batch awaiting a retry, once each. */
  flush(): Promise<BatchRecord[]> {
    const run = this.chain.then(() => this.flushNow());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Posts the last successfully delivered batch again, as SendGrid occasionally does. */
  redeliverLast(): Promise<BatchRecord | undefined> {
    const run = this.chain.then(async () => {
      if (this.lastDelivered === undefined) return undefined;
      const duplicate = this.createBatch(this.lastDelivered.body, this.lastDelivered.eventIds);
      await this.attempt(duplicate);
      return this.toRecord(duplicate);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  sign(timestamp: string, body: string): string {
    return crypto.sign("sha256", Buffer.from(timestamp + body, "utf8"), this.privateKey).toString("base64");
  }

  reset(): void {
    this.pending = [];
    this.batches.length = 0;
    this.lastDelivered = undefined;
    this.clearTimers();
  }

  close(): void {
    this.clearTimers();
    this.poster.close();
  }

  private async flushNow(): Promise<BatchRecord[]> {
    const attempted: Batch[] = this.batches.filter((batch) => batch.status === "retrying");
    if (this.pending.length > 0) {
      const events = this.pending;
      this.pending = [];
      if (this.url !== undefined) {
        attempted.push(this.createBatch(JSON.stringify(events), events.map((event) => event.sg_event_id)));
      }
    }
    for (const batch of attempted) await this.attempt(batch);
    return attempted.map((batch) => this.toRecord(batch));
  }

  private createBatch(body: string, eventIds: string[]): Batch {
    const batch: Batch = {
      id: this.nextBatchId++,
      eventIds,
      body,
      attempts: 0,
      status: "retrying",
      lastStatusCode: null,
      lastError: null,
    };
    this.batches.push(batch);
    return batch;
  }

  private async attempt(batch: Batch): Promise<void> {
    if (this.url === undefined) return;
    batch.attempts += 1;
    const timestamp = String(Math.floor(this.now() / 1000));
    // SendGrid does not follow redirects: a 3xx is the answer (the poster follows none).
    const result = await this.poster.post(
      this.url,
      {
        "content-type": "application/json",
        "user-agent": "SendGrid Event API",
        [SIGNATURE_HEADER]: this.sign(timestamp, batch.body),
        [TIMESTAMP_HEADER]: timestamp,
      },
      batch.body,
      10_000,
    );
    if (result.statusCode !== null) {
      batch.lastStatusCode = result.statusCode;
      batch.lastError = result.statusCode >= 200 && result.statusCode < 300 ? null : `HTTP ${result.statusCode}`;
    } else {
      batch.lastStatusCode = null;
      batch.lastError = result.error;
    }
    if (batch.lastError === null) {
      batch.status = "delivered";
      this.lastDelivered = batch;
    } else if (batch.attempts >= this.retry.maxAttempts) {
      batch.status = "failed";
    } else {
      batch.status = "retrying";
      this.scheduleRetry(this.retry.initialDelayMs * 2 ** (batch.attempts - 1));
    }
  }

  private scheduleRetry(delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.flush();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private toRecord(batch: Batch): BatchRecord {
    const { body: _body, ...record } = batch;
    return { ...record, eventIds: [...record.eventIds] };
  }
}
