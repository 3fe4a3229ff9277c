import Link from "next/link";

export default function Forbidden() {
  return (
    <section className="space-y-2" aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading" className="text-2xl font-semibold">
        Access denied
      </h1>
      <p>
        Your account does not have access to this page.{" "}
        <Link href="/" className="text-brand-700 underline">
          Back to the directory
        </Link>
        .
      </p>
    </section>
  );
}
