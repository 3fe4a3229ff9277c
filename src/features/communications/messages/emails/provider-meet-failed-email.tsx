import { Text } from "@react-email/components";
import { AppointmentFacts, PatientFacts } from "./appointment-facts";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";
import type { ProviderEmailView } from "./email-view";
import { providerFooter } from "./provider-email-parts";

/** Google could not create the Meet link of an online booking: the patient has no way in unless the provider sends one. */
export function ProviderMeetFailedEmail({ view }: { view: ProviderEmailView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview={`No Google Meet link for ${view.when}: please send the patient a video link.`}
      heading="Send the patient a video link"
      footer={providerFooter(view)}
    >
      <Text style={styles.text}>
        Google could not create a Google Meet link for the online appointment with {view.patient.name} on {view.when}. Their confirmation went out
        without a link.
      </Text>
      <Text style={styles.text}>
        Please send {view.patient.name} a link to join the video call yourself: add one to the event in your Google Calendar, or use the contact
        details below.
      </Text>
      <AppointmentFacts view={view} heading="Appointment" showProvider={false} />
      <PatientFacts patient={view.patient} />
      <ActionButton href={view.providerUrl}>Open the booking</ActionButton>
    </EmailLayout>
  );
}
