import Link from "next/link";
import { LegalDocument, Section } from "./legal-document";

/** The terms patients agree to when booking. A change of text means a new TERMS version (src/server/consent/consent-versions.ts). */
export function TermsOfUse() {
  return (
    <LegalDocument
      title="Terms of use"
      subject="TERMS"
      intro={<p>These terms apply when you use MedBookings to find a healthcare provider and book an appointment.</p>}
    >
      <Section title="What MedBookings is">
        <p>
          MedBookings is a booking service. It is not a healthcare provider and gives no medical advice: your care is between you and the
          provider you book. In an emergency, call your local emergency number.
        </p>
      </Section>

      <Section title="Booking">
        <ul className="space-y-2">
          <li>
            A booking is confirmed when we say so on screen and by message. Some providers approve each request first: until they do, the
            time is held for you but not confirmed.
          </li>
          <li>
            Give your own, correct contact details. A guest proves their email address or phone number with a code before booking.
          </li>
          <li>
            Each provider sets how long before an appointment you can still cancel or move it online; after that, contact the provider. The
            link in your confirmation lets you manage the booking until 30 days after the appointment.
          </li>
          <li>Prices are the provider&apos;s and are paid to them as they arrange.</li>
          <li>A provider or practice may cancel a booking; you are told by message.</li>
        </ul>
      </Section>

      <Section title="Messages">
        <p>
          We send the messages a booking needs (confirmation, reminders, changes) by email, and by text message or WhatsApp where you allow
          it. You can change channels in your notification settings or reply STOP.
        </p>
      </Section>

      <Section title="Using the service fairly">
        <p>
          Do not hold times you do not mean to book, book in someone else&apos;s name without their agreement, or try to get round the limits
          that protect the service. We may refuse requests that do.
        </p>
      </Section>

      <Section title="Your data">
        <p>
          The <Link href="/privacy">privacy notice</Link> says what we hold and why. You can download or erase your data on{" "}
          <Link href="/account/privacy">Privacy &amp; data</Link>.
        </p>
      </Section>

      <Section title="Changes">
        <p>Each version of these terms is dated at the top; when you book, we record which version you agreed to.</p>
      </Section>
    </LegalDocument>
  );
}
