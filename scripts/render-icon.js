// Renders media/icon.svg to the 128×128 media/icon.png the marketplace needs, with the
// Debian Chromium already used by the e2e tests (no image tool dependency).
const path = require('node:path');
const { chromium } = require('playwright-core');

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.goto('file://' + path.resolve(__dirname, '../media/icon.svg'));
    await page.screenshot({ path: path.resolve(__dirname, '../media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
})();
