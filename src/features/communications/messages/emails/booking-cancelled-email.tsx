import { Text } from "@react-email/components";
import { AppointmentFacts, ReasonGiven } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { PatientEmailView } from "./email-view";
import { CalendarNote, patientFooter } from "./patient-email-parts";

/** Who cancelled, in words the patient recognises. */
function whoCancelled(view: PatientEmailView): string {
  switch (view.cancelledBy) {
    case "PATIENT":
      return `You cancelled your appointment with ${view.providerName} on ${view.when}.`;
    case "PROVIDER":
      return `${view.providerName} cancelled your appointment on ${view.when}.`;
    case "SYSTEM":
      return `Your appointment with ${view.providerName} on ${view.when} is cancelled: it was cancelled automatically, not by you or ${view.providerName}.`;
    case null:
      return `Your appointment with ${view.providerName} on ${view.when} was cancelled.`;
  }
}

export function BookingCancelledEmail({ view }: { view: PatientEmailView }) {
  return (
    <EmailLayout title={view.subject} preview={whoCancelled(view)} heading="Your appointment is cancelled" footer={patientFooter(view)}>
      <Text style={styles.text}>{whoCancelled(view)}</Text>
      <ReasonGiven reason={view.reason} />
      <AppointmentFacts view={view} heading="The cancelled appointment" showProvider />
      <ActionButton href={view.bookAgainUrl}>{`Book again with ${view.providerName}`}</ActionButton>
      <CalendarNote view={view} />
    </EmailLayout>
  );
}
