import { Link, Text } from "@react-email/components";
import { styles } from "./email-theme";
import type { EmailFooter } from "./email-layout";
import type { PatientEmailView } from "./email-view";

/** Points at the attached invitation, which calendar apps add, update or remove in place. */
export function CalendarNote({ view }: { view: PatientEmailView }) {
  const removes = view.purpose === "booking.cancelled" || view.purpose === "booking.declined";
  return (
    <Text style={styles.muted}>
      {removes
        ? `If it is in your calendar, the attached file (${view.calendarFilename}) removes it.`
        : `Open the attached invitation (${view.calendarFilename}) to add it to your calendar; if it is already there, it is updated.`}
    </Text>
  );
}

export function ManageLine({ view }: { view: PatientEmailView }) {
  return (
    <Text style={styles.text}>
      To reschedule or cancel, use{" "}
      <Link href={view.manageUrl} style={styles.link}>
        your booking page
      </Link>
      .
    </Text>
  );
}

export function patientFooter(view: PatientEmailView): EmailFooter {
  return {
    reason: `You are getting this email because you booked an appointment with ${view.providerName} on MedBookings.`,
    link: { href: view.manageUrl, label: "Manage your booking on MedBookings" },
  };
}
