import Link from "next/link";

export default function InvitationNotFound() {
  return (
    <section className="mx-auto max-w-2xl space-y-3" aria-labelledby="invitation-not-found">
      <h1 id="invitation-not-found" className="text-2xl font-semibold">
        This invitation link is not valid
      </h1>
      <p>
        Open the link again from the invitation email, making sure you use the whole link. If the invitation was sent again, only the newest
        email&apos;s link works. If it still does not work, ask the organization to send you a new invitation.
      </p>
      <p>
        <Link href="/organizations" className="text-brand-700 underline">
          See your organizations
        </Link>
      </p>
    </section>
  );
}
