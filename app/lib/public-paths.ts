/** Pages strangers open (the QR code's page and the embed): no service worker, no kiosk code. */
export const isPublicPath = (pathname: string) => /^\/(p|embed)\//.test(pathname);
