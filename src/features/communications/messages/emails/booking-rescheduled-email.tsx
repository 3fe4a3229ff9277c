import { Text } from "@react-email/components";
import { AppointmentFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

export function BookingRescheduledEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`Now ${view.when}.`}
      heading="Your appointment has moved"
      footer={patientFooter(view)}
    >
      <Text style={styles.text}>Your appointment with {view.providerName} is at a new time.</Text>
      <Text style={styles.fact}>
        <strong>New time:</strong> {view.when}
      </Text>
      <Text style={styles.text}>
        <strong>Was:</strong> <del>{view.previousWhen}</del>
      </Text>
      <AppointmentFacts view={view} heading="Appointment details" showProvider />
      <ActionButton href={view.manageUrl}>Reschedule or cancel your booking</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
