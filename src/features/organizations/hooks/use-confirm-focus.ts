"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * A confirm step takes focus when it opens and gives it back to the button that opened it when
 * it is cancelled, so keyboard users are never left on a control that has gone. After the
 * action itself the caller moves focus to its outcome instead (`isDone`).
 */
export function useConfirmFocus(
  isConfirming: boolean,
  confirmRef: RefObject<HTMLButtonElement | null>,
  startRef: RefObject<HTMLButtonElement | null>,
  isDone = false,
) {
  const hasOpened = useRef(false);
  useEffect(() => {
    if (isConfirming) {
      hasOpened.current = true;
      confirmRef.current?.focus();
    } else if (hasOpened.current && !isDone) {
      startRef.current?.focus();
    }
  }, [isConfirming, isDone, confirmRef, startRef]);
}
