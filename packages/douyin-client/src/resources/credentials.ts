/** What resources need to know about the app; the secret never leaves the request body. */
export interface AppCredentials {
  appId: string;
  appSecret: string;
}
