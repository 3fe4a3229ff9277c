import { Text } from "@react-email/components";
import { AppointmentFacts, PatientFacts, ReasonGiven } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { ProviderEmailView } from "./email-view";
import { providerFooter } from "./provider-email-parts";

function whoCancelled(view: ProviderEmailView): string {
  switch (view.cancelledBy) {
    case "PATIENT":
      return `${view.patient.name} cancelled their ${view.serviceName} on ${view.when}.`;
    case "PROVIDER":
      return `You cancelled ${view.patient.name}'s ${view.serviceName} on ${view.when}.`;
    case "SYSTEM":
      return `${view.patient.name}'s ${view.serviceName} on ${view.when} is cancelled: it was cancelled automatically.`;
    case null:
      return `${view.patient.name}'s ${view.serviceName} on ${view.when} was cancelled.`;
  }
}

export function ProviderBookingCancelledEmail({ view }: { view: ProviderEmailView }) {
  return (
    <EmailLayout title={view.subject} preview={`${view.serviceName}, ${view.when}. The time is free again.`} heading="Booking cancelled" footer={providerFooter(view)}>
      <Text style={styles.text}>{whoCancelled(view)} The time is free again.</Text>
      <ReasonGiven reason={view.reason} />
      <AppointmentFacts view={view} heading="Cancelled appointment" showProvider={false} />
      <PatientFacts patient={view.patient} />
      <ActionButton href={view.providerUrl}>Open your bookings</ActionButton>
    </EmailLayout>
  );
}
