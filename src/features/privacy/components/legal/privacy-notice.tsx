import Link from "next/link";
import { LegalDocument, Section } from "./legal-document";

/**
 * What we hold, why, for how long, who sees it, and the rights and how to use them. Keep it true
 * to the code: the erasure rule mirrors src/features/privacy/server/erase-account.ts. Changing
 * the text means a new PRIVACY_NOTICE version in src/server/consent/consent-versions.ts.
 */
export function PrivacyNotice() {
  return (
    <LegalDocument
      title="Privacy notice"
      subject="PRIVACY_NOTICE"
      intro={
        <p>
          MedBookings lets you find healthcare providers and book appointments with them. This notice says what we hold about you, why, who
          sees it, how long we keep it, and how to download or erase it.
        </p>
      }
    >
      <Section title="Who is responsible">
        <p>
          MedBookings runs the booking service and is responsible for the data it needs to run it. The provider you book with (and their
          practice) is responsible for your care and for the records about it that they must keep.
        </p>
      </Section>

      <Section title="What we hold and why">
        <ul className="space-y-2">
          <li>
            <strong>Your account</strong>: your name, email address and picture from Google, and the link to your Google account (its keys
            are stored encrypted). To sign you in.
          </li>
          <li>
            <strong>Your patient profile</strong>: name, mobile number, language and time zone. To fill in your bookings and reach you.
          </li>
          <li>
            <strong>Your bookings</strong>: the provider, service, time, place or online, status, your contact details, your notes, your time
            zone, and any cancellation and its reason. To arrange the appointment you asked for. Notes often say something about your
            health: we process them because you agree to it on the booking form.
          </li>
          <li>
            <strong>Messages</strong>: which messages we sent you (what they were about, by email, text or WhatsApp, whether they arrived, and
            the address). Their content is not stored: it is written from the booking when the message is sent. To confirm, remind and tell
            you about changes.
          </li>
          <li>
            <strong>Your email address and phone numbers</strong>: whether you allowed or stopped messages on each channel (including STOP
            replies), when you last wrote to us on WhatsApp, and delivery problems such as bounces. To respect your choices and not write to
            addresses that do not work.
          </li>
          <li>
            <strong>Confirmation codes</strong>: the address a code went to and when. The code itself is never stored. To prove a guest&apos;s
            email address or phone number.
          </li>
          <li>
            <strong>Consent records</strong>: what you agreed to or turned off (these documents, each messaging channel), which version,
            when, where (the booking form, your notification settings, a practice taking your booking by phone) and the network address it
            came from. To show what was agreed.
          </li>
          <li>
            <strong>The audit trail</strong>: who did what and when (for example a booking confirmed or cancelled, a change of your
            notification settings, a download of your data), with ids, the network address and the browser. It holds no names, contact details or notes. For
            security and accountability.
          </li>
          <li>
            <strong>If you are a provider</strong>: your profile, registration number, services, hours, verification documents (reviewed by
            our platform administrators) and calendar connection. To list you and take bookings for you.
          </li>
          <li>
            <strong>If you work for a practice</strong>: your membership and role, and invitations sent to your address.
          </li>
        </ul>
      </Section>

      <Section title="Who sees it">
        <ul className="space-y-2">
          <li>
            The provider you book with, and their practice&apos;s staff for bookings at its locations, see your name, contact details,
            notes and the booking. If the provider connected a Google calendar, your appointment is written to it: that copy is the
            provider&apos;s record.
          </li>
          <li>
            Our platform administrators, to verify providers and to help when something goes wrong.
          </li>
          <li>
            Services we use to run MedBookings: Google (sign-in, providers&apos; calendars, maps and places), SendGrid (email), Twilio (text
            messages and WhatsApp) and Vercel Blob (file storage: contact cards for providers and providers&apos; documents).
          </li>
        </ul>
      </Section>

      <Section title="How long we keep it">
        <ul className="space-y-2">
          <li>Your account, profile and settings: until you erase them.</li>
          <li>
            Bookings: as the provider&apos;s record of the appointment. Erasing your data removes your details from them and keeps the minimal
            record described below.
          </li>
          <li>The link to manage a booking: it works until 30 days after the appointment ends.</li>
          <li>
            The contact card a provider can save for your booking: deleted when the booking is cancelled or declined, or 30 days after the
            appointment ends.
          </li>
          <li>
            Message records, consent records and the audit trail: kept, and not deleted automatically at present. Consent records and the
            audit trail are append-only: the database refuses to change or delete them, for anyone.
          </li>
          <li>Counters that limit repeated attempts hold only scrambled (hashed) addresses, for up to an hour.</li>
          <li>Our logs hold no names, contact details or notes.</li>
        </ul>
      </Section>

      <Section title="Your rights and how to use them">
        <ul className="space-y-2">
          <li>
            <strong>See and take your data</strong>: on <Link href="/account/privacy">Privacy &amp; data</Link>, &ldquo;Download my
            data&rdquo; gives you a file with everything we hold about you: account, profile, settings, bookings and their changes, messages
            sent to you, your consent records and the audit entries about you. Other people appear only by their role (&ldquo;provider&rdquo;,
            &ldquo;platform administrator&rdquo;), and sign-in keys are never included.
          </li>
          <li>
            <strong>Change your choices</strong>: turn messaging channels on or off in your{" "}
            <Link href="/my-bookings/notifications">notification settings</Link>, or reply STOP to a text or WhatsApp message. Each change is
            recorded with its time.
          </li>
          <li>
            <strong>Correct</strong>: change your profile, or ask the provider to correct what they recorded.
          </li>
          <li>
            <strong>Erase</strong>: on <Link href="/account/privacy">Privacy &amp; data</Link>, &ldquo;Erase my data&rdquo; shows what would
            go and what would stay, then erases at once. The rule is below.
          </li>
          <li>
            <strong>Withdraw consent to processing your health information</strong>: cancel your bookings and erase your data; the
            provider keeps only what they must.
          </li>
          <li>You can also complain to your data protection authority.</li>
        </ul>
      </Section>

      <Section title="The erasure rule">
        <p>Erasing happens in one step, all of it or none of it. Afterwards:</p>
        <ul className="space-y-2">
          <li>
            <strong>Deleted</strong>: the link to your Google account, every session (you are signed out everywhere), your patient profile,
            your notification settings, confirmation codes sent for your bookings or to your addresses, what we know about your email
            address and phone numbers, the contact cards kept for providers, and your memberships of practices.
          </li>
          <li>
            <strong>Your account record</strong> stays, without your name or picture and with an address that cannot receive mail, because
            bookings, consent records and the audit trail point at it. Nobody can sign in to it: signing in later with the same Google
            account starts a new, empty account.
          </li>
          <li>
            <strong>Your bookings</strong> (made while signed in, or as a guest with your account&apos;s verified email address) stay as the
            provider&apos;s record: time, provider, service and its price, status, online or in person, and place. Your name becomes
            &ldquo;Erased patient&rdquo;, and your contact details, notes, time zone, any reason you gave for cancelling, and the link to
            manage the booking are removed.
          </li>
          <li>
            <strong>Messages we sent you</strong> keep what they were about, the channel, whether they arrived and when; the address is
            removed, and one not yet sent is not sent. Invitations to join a practice lose your address (open ones are withdrawn).
          </li>
          <li>
            <strong>Consent records and the audit trail</strong> are kept: they hold ids, versions, actions, times and the network address
            and browser of each action, but no name, contact details or notes. The erasure itself is recorded there, with counts only.
          </li>
        </ul>
        <p>
          Erasing waits until you have cancelled bookings that are still to come (the provider expects you, and cancelling tells them). A
          provider&apos;s or platform administrator&apos;s account, and that of a practice&apos;s owner, cannot be erased from the page: a
          provider must keep records of the care they gave, and a practice needs an owner. The page says what to do in each case.
        </p>
      </Section>

      <Section title="Changes to this notice">
        <p>
          Each version is dated at the top. When you book, we record which version of this notice and of the{" "}
          <Link href="/terms">terms of use</Link> you agreed to.
        </p>
      </Section>
    </LegalDocument>
  );
}
