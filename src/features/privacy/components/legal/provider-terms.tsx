import Link from "next/link";
import { LegalDocument, Section } from "./legal-document";

/** The terms providers agree to when they send their profile for review. A change of text means a new PROVIDER_TERMS version. */
export function ProviderTerms() {
  return (
    <LegalDocument
      title="Provider terms"
      subject="PROVIDER_TERMS"
      intro={
        <p>
          These terms apply to healthcare providers who list themselves on MedBookings and take bookings through it, in addition to the{" "}
          <Link href="/terms">terms of use</Link>.
        </p>
      }
    >
      <Section title="Verification">
        <ul className="space-y-2">
          <li>
            You give your professional registration number and the documents we ask for (such as your licence, indemnity insurance and
            identity). Our platform administrators review them and approve, reject or later suspend your profile, giving a reason.
          </li>
          <li>Only approved providers are listed and can be booked. Tell us when a document stops being valid, and send its replacement.</li>
        </ul>
      </Section>

      <Section title="Your profile and hours">
        <p>
          Keep your profile, services, prices and hours true. Patients book the times MedBookings shows; a connected calendar blocks your busy
          times only as well as that calendar is kept.
        </p>
      </Section>

      <Section title="Bookings">
        <ul className="space-y-2">
          <li>Honour the bookings you accept. If you must cancel, cancel in MedBookings so the patient is told, and say why.</li>
          <li>Decide on booking requests promptly when your services need your approval.</li>
        </ul>
      </Section>

      <Section title="Patients' data">
        <ul className="space-y-2">
          <li>
            Use patients&apos; details and notes only to arrange and give their care, keep them confidential, and keep the records about that
            care that the law requires of you.
          </li>
          <li>
            When a patient erases their data, their bookings stay in your list as &ldquo;Erased patient&rdquo;, with time, service and place
            but without contact details or notes. Anything you need to keep about their care belongs in your own clinical records.
          </li>
          <li>
            What MedBookings holds about you and your patients, and for how long, is in the <Link href="/privacy">privacy notice</Link>.
          </li>
        </ul>
      </Section>

      <Section title="Leaving">
        <p>
          You can download your data on <Link href="/account/privacy">Privacy &amp; data</Link>. A provider&apos;s account is not erased from
          that page, because of the records a provider must keep: ask our platform administrators to close your profile.
        </p>
      </Section>

      <Section title="Changes">
        <p>Each version of these terms is dated at the top; we record which version you agreed to.</p>
      </Section>
    </LegalDocument>
  );
}
