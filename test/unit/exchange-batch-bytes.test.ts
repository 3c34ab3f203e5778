/**
 * The bytes of a batch as the export makes them. changes.jsonl.gz, gzipped piece by piece while
 * the lines are read (format.ts PayloadWriter), is the gzip of the whole. The age encryption
 * (crypto.ts): the library writes the header, node:crypto seals the payload; the library's own
 * decrypter (the reference for the format) must read every size back, across the 64 KiB chunk
 * boundaries, and refuse a file cut at one (the last chunk is flagged).
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../electron/services/exchange/crypto';
import { PAYLOAD_GZIP_LEVEL, PayloadWriter } from '../../electron/services/exchange/format';

const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 12_345];

describe('changes.jsonl.gz written in pieces', () => {
  it('is the gzip of the whole, with its SHA-256, however the lines are cut', async () => {
    const lines = Buffer.from(
      Array.from(
        { length: 20_000 },
        (_, i) => `{"hlc":"${1751701234567 + i}-0000-a","value":"Hà Nội ${i}","sig":"${randomBytes(64).toString('base64')}"}\n`,
      ).join(''),
    );
    for (const piece of [lines.length, 300_000, 65_536, 777]) {
      const writer = new PayloadWriter();
      for (let at = 0; at < lines.length; at += piece) {
        writer.write(lines.subarray(at, at + piece));
        if (at % (piece * 4) === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const { sha256, gz } = await writer.end();
      expect(sha256).toBe(createHash('sha256').update(lines).digest('hex'));
      expect(gz.equals(gzipSync(lines, { level: PAYLOAD_GZIP_LEVEL }))).toBe(true);
    }
    const empty = await new PayloadWriter().end();
    expect(empty.gz.equals(gzipSync(Buffer.alloc(0), { level: PAYLOAD_GZIP_LEVEL }))).toBe(true);
  });
});

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
