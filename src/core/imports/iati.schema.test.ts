import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateIatiActivities } from './iati.schema';

const activity = (id: string, date: string) => `  <iati-activity>
    <iati-identifier>${id}</iati-identifier>
    <reporting-org ref="XM-DAC-301-2" type="10"><narrative>IDRC</narrative></reporting-org>
    <title><narrative>Activity ${id}</narrative></title>
    <description><narrative>About ${id}</narrative></description>
    <participating-org role="1" type="10"><narrative>IDRC</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date iso-date="${date}" type="1"/>
  </iati-activity>`;
const file = (...activities: string[]) =>
  `<iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">\n${activities.join('\n')}\n</iati-activities>\n`;

test('documents sent together are each answered with their own outcome and lines', async () => {
  const good = file(activity('XM-1', '2012-01-01'));
  const bad = file(activity('XM-1', '2012-01-01'), activity('XM-2', 'early 2012'));
  const answers = await Promise.all([good, bad, good, bad].map((xml) => validateIatiActivities(xml)));
  assert.deepEqual(
    answers.map((a) => a.valid),
    [true, false, true, false],
  );
  for (const a of [answers[1], answers[3]]) {
    assert.equal(a?.details.length, 1);
    assert.equal(a?.details[0]?.line, 18, 'the line of the second activity-date');
    assert.match(a?.details[0]?.message ?? '', /iso-date.*early 2012/);
    assert.match(a?.errors[0] ?? '', /^activities\.xml:18: /);
  }
});
