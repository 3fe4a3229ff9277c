import { NextResponse, type NextRequest } from "next/server";
import { bookingEventTimeZone, buildBookingIcs, MANAGE_TOKEN_PATTERN } from "@/features/bookings";
import { getManagedBooking } from "@/features/bookings/server";
import { isAppError } from "@/lib/errors/app-error";
import { localDateOf } from "@/lib/time";
import { getDatabase } from "@/server/db";
import { getRateLimiter, trustedProxyHops } from "@/server/rate-limit/app-rate-limiter";
import { refuseIfRateLimited } from "@/server/rate-limit/limit-request";
import { env } from "~/env";

const PRIVATE_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
};

function problem(status: number, message: string) {
  return new NextResponse(message, { status, headers: { ...PRIVATE_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });
}

/** The calendar file of the booking behind a manage link. */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  if (!MANAGE_TOKEN_PATTERN.test(token)) return problem(400, "This calendar link is not valid. Open your booking page again from the whole link you kept when booking.");
  // The same allowance as the manage-link procedures: a token is as guessable here as there.
  const refused = await refuseIfRateLimited({
    req: request,
    policy: "manage:client",
    rateLimiter: getRateLimiter(),
    trustedProxyHops: trustedProxyHops(),
  });
  if (refused) return refused;
  const now = new Date();
  try {
    const booking = await getManagedBooking({ db: getDatabase().db, token, now });
    const manageUrl = new URL(`/bookings/${token}`, env.NEXTAUTH_URL).toString();
    const body = buildBookingIcs({ booking, manageUrl, now });
    const date = localDateOf(booking.startsAt, bookingEventTimeZone(booking));
    return new NextResponse(body, {
      status: 200,
      headers: {
        ...PRIVATE_HEADERS,
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="medbookings-${date}.ics"`,
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return problem(404, error.message);
    throw error;
  }
}
