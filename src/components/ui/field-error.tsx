/** Joins the ids of a control's hint and error for aria-describedby; undefined when there are none. */
export function describedBy(...ids: (string | number | null | undefined | false)[]): string | undefined {
  const joined = ids.filter((value): value is string => typeof value === "string" && value !== "").join(" ");
  return joined === "" ? undefined : joined;
}

/** A field's error messages, to be named by the control's aria-describedby; nothing when there are none. */
export function FieldErrorText({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {messages.join(" ")}
    </p>
  );
}
