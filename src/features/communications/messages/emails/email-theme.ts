import type { CSSProperties } from "react";

/**
 * Colours as inline styles (most mail clients drop <style>). Every text colour is at least 4.5:1
 * on the background it sits on (WCAG AA for body text); email-theme.test.ts holds us to that.
 */
export const palette = {
  page: "#f1f5f9",
  surface: "#ffffff",
  text: "#1e293b",
  muted: "#475569",
  brand: "#0a4f9c",
  onBrand: "#ffffff",
  border: "#cbd5e1",
  codeBackground: "#eef7ff",
} as const;

/** Foreground on background pairs the templates use, for the contrast test. */
export const contrastPairs: ReadonlyArray<{ name: string; foreground: string; background: string }> = [
  { name: "body text", foreground: palette.text, background: palette.surface },
  { name: "secondary text", foreground: palette.muted, background: palette.surface },
  { name: "links and brand", foreground: palette.brand, background: palette.surface },
  { name: "button label", foreground: palette.onBrand, background: palette.brand },
  { name: "verification code", foreground: palette.text, background: palette.codeBackground },
];

const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const styles = {
  body: { backgroundColor: palette.page, color: palette.text, fontFamily, margin: 0, padding: "24px 0" },
  container: { backgroundColor: palette.surface, border: `1px solid ${palette.border}`, borderRadius: "8px", maxWidth: "560px", padding: "24px" },
  brand: { color: palette.brand, fontSize: "18px", fontWeight: 700, lineHeight: "24px", margin: "0 0 16px" },
  h1: { color: palette.text, fontSize: "22px", fontWeight: 700, lineHeight: "30px", margin: "0 0 16px" },
  h2: { color: palette.text, fontSize: "16px", fontWeight: 700, lineHeight: "24px", margin: "24px 0 8px" },
  text: { color: palette.text, fontSize: "16px", lineHeight: "24px", margin: "0 0 12px" },
  fact: { color: palette.text, fontSize: "16px", lineHeight: "24px", margin: "0 0 6px" },
  quote: { color: palette.text, fontSize: "16px", lineHeight: "24px", margin: "0 0 12px", whiteSpace: "pre-line", borderLeft: `4px solid ${palette.border}`, paddingLeft: "12px" },
  muted: { color: palette.muted, fontSize: "14px", lineHeight: "22px", margin: "0 0 8px" },
  link: { color: palette.brand, textDecoration: "underline" },
  button: {
    backgroundColor: palette.brand,
    borderRadius: "6px",
    color: palette.onBrand,
    display: "inline-block",
    fontSize: "16px",
    fontWeight: 700,
    lineHeight: "24px",
    margin: "8px 0 16px",
    padding: "12px 20px",
    textDecoration: "none",
  },
  code: {
    backgroundColor: palette.codeBackground,
    borderRadius: "8px",
    color: palette.text,
    fontFamily: '"SFMono-Regular", Consolas, "Liberation Mono", Menlo, monospace',
    fontSize: "36px",
    fontWeight: 700,
    letterSpacing: "8px",
    lineHeight: "48px",
    margin: "8px 0 16px",
    padding: "12px 16px",
    textAlign: "center",
  },
  hr: { borderColor: palette.border, margin: "24px 0 16px" },
} satisfies Record<string, CSSProperties>;
