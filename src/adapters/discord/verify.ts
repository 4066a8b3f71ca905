import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a request's timestamp may be from our clock: older deliveries are treated as replays. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export type SignatureCheck = (signature: string | undefined, timestamp: string | undefined, body: Buffer) => boolean;

function ed25519Key(publicKeyHex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') }, format: 'jwk' });
}

/**
 * Discord signs `timestamp + body` with the application's Ed25519 key (headers X-Signature-Ed25519
 * and X-Signature-Timestamp); this checks that signature against DISCORD_PUBLIC_KEY.
 */
export function createSignatureCheck(publicKeyHex: string, now: () => number = Date.now): SignatureCheck {
  const key = ed25519Key(publicKeyHex);
  return (signature, timestamp, body) => {
    if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(now() / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return false;
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  };
}
