import { Text } from "@react-email/components";
import { ActionButton, EmailLayout } from "./email-layout";
import { styles } from "./email-theme";

export interface CalendarReconnectView {
  subject: string;
  googleEmail: string;
  reconnectUrl: string;
}

/** Google withdrew MedBookings' access to a provider's calendar account: what that changes and how to fix it. */
export function ProviderCalendarReconnectEmail({ view }: { view: CalendarReconnectView }) {
  return (
    <EmailLayout
      title={view.subject}
      preview="Google Calendar is disconnected: reconnect it to keep your availability and bookings in sync."
      heading="Reconnect your Google Calendar"
      footer={{
        reason: "You are getting this email because you connected Google Calendar to MedBookings.",
        link: { href: view.reconnectUrl, label: "Open your calendar settings on MedBookings" },
      }}
    >
      <Text style={styles.text}>
        Google no longer accepts MedBookings&apos; access to the Google account {view.googleEmail}. This happens when access is removed in the Google
        account&apos;s settings, or when Google expires it.
      </Text>
      <Text style={styles.text}>
        Until you reconnect, your availability on MedBookings uses your MedBookings bookings only: time that is busy in Google Calendar can be booked,
        and new bookings are not added to your Google Calendar.
      </Text>
      <ActionButton href={view.reconnectUrl}>Reconnect Google Calendar</ActionButton>
    </EmailLayout>
  );
}
