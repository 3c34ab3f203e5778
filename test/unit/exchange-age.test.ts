/**
 * The batch's age encryption (crypto.ts): the library writes the header, node:crypto seals the
 * payload. The library's own decrypter (the reference for the format) must read every size back,
 * across the 64 KiB chunk boundaries, and refuse a file cut at one (the last chunk is flagged).
 */
import { randomBytes } from 'node:crypto';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../electron/services/exchange/crypto';

const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 12_345];

describe('age encryption of a batch', () => {
  it('is read back by age-encryption, to each recipient, and is as long as the library writes it', async () => {
    const identities = [await generateX25519Identity(), await generateX25519Identity()];
    const recipients = await Promise.all(identities.map((i) => identityToRecipient(i)));
    for (const size of SIZES) {
      const data = randomBytes(size);
      const sealed = await ageEncrypt(data, recipients);
      for (const identity of identities) expect(Buffer.from(await ageDecrypt(sealed, identity)).equals(data)).toBe(true);
      const library = new Encrypter();
      for (const r of recipients) library.addRecipient(r);
      expect(sealed.length).toBe((await library.encrypt(data)).length);
    }
  });

  it('refuses the file cut after a whole chunk, or with a payload byte changed', async () => {
    const identity = await generateX25519Identity();
    const data = randomBytes(2 * CHUNK + 100);
    const sealed = Buffer.from(await ageEncrypt(data, [await identityToRecipient(identity)]));
    const cut = sealed.subarray(0, sealed.length - (100 + 16));
    await expect(ageDecrypt(cut, identity)).rejects.toMatchObject({ code: 'BATCH_CORRUPT' });
    const changed = Buffer.from(sealed);
    changed[changed.length - 50]! ^= 1;
    await expect(ageDecrypt(changed, identity)).rejects.toMatchObject({ code: 'BATCH_CORRUPT' });
  });
});
