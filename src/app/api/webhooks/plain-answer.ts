/** A webhook's answer: no body, or one line of text for whoever reads the vendor's delivery log. */
export function plainAnswer(status: number, text?: string): Response {
  return new Response(text === undefined ? null : `${text}\n`, {
    status,
    headers: { "cache-control": "no-store", ...(text === undefined ? {} : { "content-type": "text/plain; charset=utf-8" }) },
  });
}
