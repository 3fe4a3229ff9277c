import type { EmailFooter } from "./email-layout";
import type { ProviderEmailView } from "./email-view";

export function providerFooter(view: ProviderEmailView): EmailFooter {
  return {
    reason: `You are getting this email because ${view.providerName} takes bookings on MedBookings.`,
    link: { href: view.providerUrl, label: "Open your bookings on MedBookings" },
  };
}
