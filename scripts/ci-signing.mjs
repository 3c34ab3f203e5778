// Code signing on the GitHub runners (.github/workflows/release.yml), from repository secrets:
//   Windows: WINDOWS_CSC_LINK (the .pfx, base64) and WINDOWS_CSC_KEY_PASSWORD
//   macOS:   MACOS_CSC_LINK (the Developer ID Application .p12, base64) and MACOS_CSC_KEY_PASSWORD;
//            notarisation with notarytool through an App Store Connect API key:
//            APPLE_API_KEY_P8 (the .p8 file's text), APPLE_API_KEY_ID, APPLE_API_ISSUER
//   Linux:   AppImage and deb are not code-signed (the offline update package is signed instead).
// Whatever is missing is skipped with its reason printed as a workflow warning; the installers are
// then built unsigned (fine for testing, not for missions). Sets electron-builder's variables in
// $GITHUB_ENV for the next step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to set for electron-builder on this platform, which files to write, and what was skipped and why. */
export function signingPlan(platform, env, tempDir) {
  const set = {};
  const files = [];
  const skipped = [];
  const missing = (...names) => names.filter((n) => !env[n]);
  if (platform === 'win32') {
    const absent = missing('WINDOWS_CSC_LINK', 'WINDOWS_CSC_KEY_PASSWORD');
    if (absent.length) skipped.push(`Windows installer NOT code-signed: secret(s) ${absent.join(', ')} not set.`);
    else Object.assign(set, { WIN_CSC_LINK: env.WINDOWS_CSC_LINK, WIN_CSC_KEY_PASSWORD: env.WINDOWS_CSC_KEY_PASSWORD });
  } else if (platform === 'darwin') {
    const absent = missing('MACOS_CSC_LINK', 'MACOS_CSC_KEY_PASSWORD');
    if (absent.length) {
      // Without this electron-builder would look for any identity in the keychain.
      set.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
      skipped.push(`macOS app NOT signed and NOT notarised: secret(s) ${absent.join(', ')} not set.`);
    } else {
      Object.assign(set, { CSC_LINK: env.MACOS_CSC_LINK, CSC_KEY_PASSWORD: env.MACOS_CSC_KEY_PASSWORD });
      const notary = missing('APPLE_API_KEY_P8', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER');
      if (notary.length) skipped.push(`macOS app signed but NOT notarised (Gatekeeper will warn): secret(s) ${notary.join(', ')} not set.`);
      else {
        const keyFile = path.join(tempDir, `AuthKey_${env.APPLE_API_KEY_ID}.p8`);
        files.push({ path: keyFile, content: env.APPLE_API_KEY_P8 });
        // electron-builder notarises with notarytool when these three are set.
        Object.assign(set, { APPLE_API_KEY: keyFile, APPLE_API_KEY_ID: env.APPLE_API_KEY_ID, APPLE_API_ISSUER: env.APPLE_API_ISSUER });
      }
    }
  } else {
    skipped.push('Linux AppImage and deb are not code-signed (missions verify the signed .cnupdate package instead).');
  }
  return { set, files, skipped };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const plan = signingPlan(process.platform, process.env, process.env.RUNNER_TEMP ?? fs.mkdtempSync('signing-'));
  for (const file of plan.files) fs.writeFileSync(file.path, file.content, { mode: 0o600 });
  for (const reason of plan.skipped) console.log(`::warning title=Code signing skipped::${reason}`);
  const names = Object.keys(plan.set);
  if (names.length) console.log(`Code signing: ${names.filter((n) => n !== 'CSC_IDENTITY_AUTO_DISCOVERY').join(', ') || 'none'} set for electron-builder.`);
  if (process.env.GITHUB_ENV) fs.appendFileSync(process.env.GITHUB_ENV, names.map((n) => `${n}=${plan.set[n]}\n`).join(''));
}
