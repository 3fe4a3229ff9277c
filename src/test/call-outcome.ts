import { TRPCError } from "@trpc/server";
import { describeError } from "@/server/trpc/error-map";

/** "ok", or the app code the call failed with (what a role-matrix cell expects). */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return describeError(error).data.appCode;
  }
}

/** What a failed call tells its caller: the message, app code, field errors and details. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const { message, data } = describeError(error);
    return { message, appCode: data.appCode, fieldErrors: data.fieldErrors ?? {}, details: (data as { details?: Record<string, unknown> }).details ?? {} };
  }
  throw new Error("expected the call to fail");
}
