/** `#dev` under the `production` export condition: see `dev.ts`. */
export const DEV: boolean = false;
