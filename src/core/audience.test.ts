import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { staffFilterIssues } from './audience';

describe('staffFilterIssues', () => {
  it('lets staff filter on any workflow state and creator', () => {
    assert.deepEqual(staffFilterIssues({ workflowState: ['draft', 'submitted'], createdBy: 'u1' }, 'staff', 'u2'), []);
    assert.deepEqual(staffFilterIssues({ createdBy: 'me' }, 'staff', 'u2'), []);
  });

  it('lets the public ask for published activities, and nothing else', () => {
    assert.deepEqual(staffFilterIssues({ workflowState: ['published'] }, 'public', null), []);
    const issues = staffFilterIssues({ workflowState: ['published', 'draft'] }, 'public', null);
    assert.deepEqual(
      issues.map((i) => i.name),
      ['workflowState'],
    );
    assert.match(issues[0]!.reason, /sign in/);
    assert.doesNotMatch(issues[0]!.reason, /draft/, 'the answer does not echo which states exist');
  });

  it('refuses creator filters to the public, and asks to sign in for me', () => {
    const other = staffFilterIssues({ createdBy: 'u1' }, 'public', null);
    assert.deepEqual(
      other.map((i) => i.name),
      ['createdBy'],
    );
    const me = staffFilterIssues({ createdBy: 'me' }, 'public', null);
    assert.match(me[0]!.reason, /Sign in to list the activities you created/);
  });

  it('needs a signed-in person for me even when the audience is staff', () => {
    assert.equal(staffFilterIssues({ createdBy: 'me' }, 'staff', null)[0]?.name, 'createdBy');
  });

  it('reports every refused filter at once', () => {
    assert.deepEqual(
      staffFilterIssues({ workflowState: ['returned'], createdBy: 'me' }, 'public', null).map((i) => i.name),
      ['workflowState', 'createdBy'],
    );
  });
});
