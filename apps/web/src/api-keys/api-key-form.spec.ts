import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_KEY_LIMITS } from '@catalogue/contracts';
import { nameError } from './api-key-form.js';

describe('API key form', () => {
  it('asks for a name, as the API does', () => {
    assert.match(nameError('')!, /Donnez un nom/);
    assert.match(nameError('   ')!, /Donnez un nom/);
    assert.match(nameError('x'.repeat(API_KEY_LIMITS.nameMax + 1))!, /au plus 100 caractères/);
    assert.equal(nameError('x'.repeat(API_KEY_LIMITS.nameMax)), null);
    assert.equal(nameError('Entrepôt de données'), null);
  });
});
