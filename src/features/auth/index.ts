export { SignInWithGoogleButton } from "./components/sign-in-button";
export { SignOutButton } from "./components/sign-out-button";
export { safeCallbackUrl } from "./safe-callback-url";
