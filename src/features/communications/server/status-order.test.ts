import { describe, expect, it } from "vitest";
import {
  isDeliveryAdvance,
  reportedStatusOfSendGrid,
  reportedStatusOfTwilio,
  type DeliveryStatus,
  type ReportedStatus,
} from "./status-order";

describe("Twilio statuses in our words", () => {
  it.each([
    ["accepted", "SENT"],
    ["queued", "SENT"],
    ["sending", "SENT"],
    ["sent", "SENT"],
    ["delivered", "DELIVERED"],
    ["read", "READ"],
    ["failed", "FAILED"],
    ["undelivered", "FAILED"],
  ])("%s → %s", (twilio, ours) => {
    expect(reportedStatusOfTwilio(twilio)).toBe(ours);
  });

  it("says nothing for inbound statuses, unknown values and inherited property names", () => {
    expect(reportedStatusOfTwilio("received")).toBeNull();
    expect(reportedStatusOfTwilio("teleported")).toBeNull();
    expect(reportedStatusOfTwilio("constructor")).toBeNull();
    expect(reportedStatusOfTwilio("")).toBeNull();
  });
});

describe("SendGrid events in our words", () => {
  it.each([
    ["processed", "SENT"],
    ["delivered", "DELIVERED"],
    ["open", "READ"],
    ["bounce", "FAILED"],
    ["dropped", "FAILED"],
  ])("%s → %s", (event, ours) => {
    expect(reportedStatusOfSendGrid(event)).toBe(ours);
  });

  it.each(["deferred", "click", "spamreport", "unsubscribe", "group_unsubscribe", "something_new", "toString"])(
    "%s is recorded only",
    (event) => {
      expect(reportedStatusOfSendGrid(event)).toBeNull();
    },
  );
});

describe("statuses only move forward", () => {
  const forward: [DeliveryStatus, ReportedStatus][] = [
    ["PENDING", "SENT"],
    ["SENDING", "SENT"],
    ["SENDING", "DELIVERED"],
    ["SENT", "DELIVERED"],
    ["SENT", "READ"],
    ["DELIVERED", "READ"],
    ["SENT", "FAILED"],
    ["DELIVERED", "FAILED"],
    ["READ", "FAILED"],
    ["DEAD", "DELIVERED"],
    ["PENDING", "FAILED"],
  ];
  it.each(forward)("%s → %s moves", (current, reported) => {
    expect(isDeliveryAdvance(current, reported)).toBe(true);
  });

  const held: [DeliveryStatus, ReportedStatus][] = [
    ["SENT", "SENT"],
    ["DELIVERED", "SENT"],
    ["DELIVERED", "DELIVERED"],
    ["READ", "DELIVERED"],
    ["READ", "SENT"],
    ["FAILED", "DELIVERED"],
    ["FAILED", "READ"],
    ["FAILED", "FAILED"],
    ["SKIPPED", "SENT"],
    ["SKIPPED", "FAILED"],
  ];
  it.each(held)("%s stays when told %s", (current, reported) => {
    expect(isDeliveryAdvance(current, reported)).toBe(false);
  });
});
