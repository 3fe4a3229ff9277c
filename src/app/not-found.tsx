import Link from "next/link";

export default function NotFound() {
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p>
        The page you asked for does not exist. <Link href="/" className="text-brand-700 underline">Find a provider</Link>.
      </p>
    </section>
  );
}
