import { describe, expect, it } from "vitest";
import { confirmPhoneBookingInput, phonePatientInput, TAKEN_BY_STAFF_OR_CODE } from "./phone-booking-schemas";

const base = {
  holdId: "6f1c1f7e-2f7e-4a53-9d0b-0f4f5a1b2c3d",
  holdToken: "h".repeat(43),
  contact: { name: "Paula Phone", email: "paula@example.test", phone: "07700 900777", phoneCountry: "GB" },
  consent: true,
  patientTimeZone: "Europe/London",
};

const issues = (input: unknown) => {
  const parsed = confirmPhoneBookingInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the phone patient's details", () => {
  it("stores a phone typed nationally in E.164, and no phone as null", () => {
    expect(phonePatientInput.parse(base.contact).phone).toBe("+447700900777");
    expect(phonePatientInput.parse({ ...base.contact, phone: "  " }).phone).toBeNull();
    expect(phonePatientInput.parse({ name: "Nora", email: "nora@example.test" }).phone).toBeNull();
  });

  it("names the phone field for an incomplete number", () => {
    const parsed = phonePatientInput.safeParse({ ...base.contact, phone: "12" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["phone"], message: expect.stringContaining("or leave it empty") });
  });
});

describe("how the contact is proven", () => {
  it("takes a code the patient read back, spaces allowed", () => {
    expect(confirmPhoneBookingInput.parse({ ...base, code: "123 456" })).toMatchObject({ code: "123456", contactTakenByStaff: false });
  });

  it("takes the staff member's word instead", () => {
    const parsed = confirmPhoneBookingInput.parse({ ...base, contactTakenByStaff: true });
    expect(parsed.contactTakenByStaff).toBe(true);
    expect(parsed).not.toHaveProperty("code");
  });

  it("needs one of them, on the code field", () => {
    expect(issues(base)).toEqual([`code: ${TAKEN_BY_STAFF_OR_CODE}`]);
  });

  it("refuses both at once", () => {
    expect(issues({ ...base, code: "123456", contactTakenByStaff: true })).toEqual([
      "contactTakenByStaff: Either enter the patient's code or say you took the details yourself, not both.",
    ]);
  });

  it("needs the patient's consent", () => {
    expect(issues({ ...base, consent: false, contactTakenByStaff: true })[0]).toMatch(/^consent: Ask the patient/);
  });
});
