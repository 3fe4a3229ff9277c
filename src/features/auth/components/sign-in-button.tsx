"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignInWithGoogleButton({ callbackUrl }: { callbackUrl: string }) {
  const [isPending, setIsPending] = useState(false);
  return (
    <Button
      onClick={() => {
        setIsPending(true);
        void signIn("google", { callbackUrl });
      }}
      disabled={isPending}
      className="w-full"
    >
      {isPending ? "Redirecting to Google…" : "Continue with Google"}
    </Button>
  );
}
